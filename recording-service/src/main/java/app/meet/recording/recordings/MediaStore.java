package app.meet.recording.recordings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import io.minio.AbortMultipartUploadArgs;
import io.minio.ByteBuffer;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.UploadPartArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Part;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.platform.storage.Buckets;
import app.meet.recording.config.RecordingProperties;

import org.springframework.stereotype.Component;

/**
 * Recordings in the object store, in a bucket recording-service owns. A recording is one
 * multipart upload into its object; each chunk is first staged as an object of its own
 * (so an acknowledged chunk survives a crash), and staged chunks go into the upload as
 * one part once they add up to a part. Chunks stream through temporary files; only the
 * part being sent is held in memory, never a recording.
 */
@Component
class MediaStore {

	private static final Logger log = LoggerFactory.getLogger(MediaStore.class);

	private final MinioClient storage;

	private final MinioAsyncClient multipart;

	private final String bucket;

	private volatile boolean bucketReady;

	MediaStore(MinioClient storage, MinioAsyncClient multipart, RecordingProperties properties) {
		this.storage = storage;
		this.multipart = multipart;
		this.bucket = properties.bucket();
	}

	/** Opens the multipart upload a recording's media goes into; returns its id. */
	String startUpload(String key) throws MinioException {
		ensureBucket();
		return await(() -> this.multipart
			.createMultipartUpload(CreateMultipartUploadArgs.builder().bucket(this.bucket).object(key).build())
			.join()
			.result()
			.uploadId());
	}

	void stage(UUID recordingId, int seq, Path chunk) throws MinioException {
		this.storage.uploadObject(UploadObjectArgs.builder()
			.bucket(this.bucket)
			.object(stagedKey(recordingId, seq))
			.filename(chunk.toString())
			.build());
	}

	/**
	 * Sends the staged chunks, in order, as part {@code partNumber} of the upload. The
	 * part is gathered in memory (the client sends a part from a buffer it knows the size
	 * of): at most a part's size plus one chunk, for the moment of the upload.
	 * @return the part's entity tag
	 */
	String uploadPart(String key, String uploadId, int partNumber, UUID recordingId,
			List<RecordingRepository.StagedChunk> chunks) throws MinioException, IOException {
		long size = chunks.stream().mapToLong(RecordingRepository.StagedChunk::size).sum();
		try (ByteBuffer part = new ByteBuffer(size)) {
			for (RecordingRepository.StagedChunk chunk : chunks) {
				try (InputStream staged = this.storage.getObject(GetObjectArgs.builder()
					.bucket(this.bucket)
					.object(stagedKey(recordingId, chunk.seq()))
					.build())) {
					staged.transferTo(part);
				}
			}
			return await(() -> this.multipart
				.uploadPart(UploadPartArgs.builder()
					.bucket(this.bucket)
					.object(key)
					.uploadId(uploadId)
					.partNumber(partNumber)
					.buffer(part)
					.build())
				.join()
				.part()
				.etag());
		}
	}

	/**
	 * Completes the upload. An upload already completed (the service stopped before it
	 * could record that) is found by its object.
	 */
	void complete(String key, String uploadId, List<RecordingRepository.Part> parts) throws MinioException {
		Part[] completed = parts.stream().map((part) -> new Part(part.number(), part.etag())).toArray(Part[]::new);
		try {
			await(() -> this.multipart
				.completeMultipartUpload(CompleteMultipartUploadArgs.builder()
					.bucket(this.bucket)
					.object(key)
					.uploadId(uploadId)
					.parts(completed)
					.build())
				.join());
		}
		catch (ErrorResponseException ex) {
			if (!"NoSuchUpload".equals(ex.errorResponse().code()) || size(key) < 0) {
				throw ex;
			}
		}
	}

	void abortQuietly(String key, String uploadId) {
		try {
			await(() -> this.multipart
				.abortMultipartUpload(
						AbortMultipartUploadArgs.builder().bucket(this.bucket).object(key).uploadId(uploadId).build())
				.join());
		}
		catch (MinioException ex) {
			log.warn("Could not abort the upload of {}: {}", key, ex.getMessage());
		}
	}

	/** The object's size, or -1 when there is none. */
	long size(String key) throws MinioException {
		try {
			return this.storage.statObject(StatObjectArgs.builder().bucket(this.bucket).object(key).build()).size();
		}
		catch (ErrorResponseException ex) {
			if ("NoSuchKey".equals(ex.errorResponse().code())) {
				return -1;
			}
			throw ex;
		}
	}

	/** {@code length} bytes of the media from {@code offset}, streamed. */
	InputStream open(String key, long offset, long length) throws MinioException {
		return this.storage
			.getObject(GetObjectArgs.builder().bucket(this.bucket).object(key).offset(offset).length(length).build());
	}

	void removeStagedQuietly(UUID recordingId, List<Integer> seqs) {
		List<DeleteRequest.Object> objects = new ArrayList<>();
		for (int seq : seqs) {
			objects.add(new DeleteRequest.Object(stagedKey(recordingId, seq)));
		}
		if (objects.isEmpty()) {
			return;
		}
		try {
			for (Result<DeleteResult.Error> result : this.storage
				.removeObjects(RemoveObjectsArgs.builder().bucket(this.bucket).objects(objects).build())) {
				DeleteResult.Error error = result.get();
				log.warn("Could not remove staged chunk {}: {}", error.objectName(), error.message());
			}
		}
		catch (MinioException ex) {
			log.warn("Could not remove the staged chunks of {}: {}", recordingId, ex.getMessage());
		}
	}

	void remove(String key) throws MinioException {
		this.storage.removeObject(RemoveObjectArgs.builder().bucket(this.bucket).object(key).build());
	}

	private static String stagedKey(UUID recordingId, int seq) {
		return "staging/" + recordingId + "/" + String.format("%010d", seq);
	}

	private void ensureBucket() throws MinioException {
		if (!this.bucketReady) {
			Buckets.ensure(this.storage, this.bucket);
			this.bucketReady = true;
		}
	}

	/** Runs an async client call and unwraps its failure into the client's exceptions. */
	private static <T> T await(AsyncCall<T> call) throws MinioException {
		try {
			return call.run();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof MinioException minio) {
				throw minio;
			}
			if (ex.getCause() instanceof IOException io) {
				throw new UncheckedIOException(io);
			}
			throw ex;
		}
	}

	@FunctionalInterface
	private interface AsyncCall<T> {

		T run() throws MinioException;

	}

}
