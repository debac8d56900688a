package app.meet.chat.message;

import java.io.InputStream;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.errors.ErrorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.chat.config.ChatProperties;

import org.springframework.stereotype.Component;

/**
 * Attachments in the object store, in a bucket chat-service owns. Content streams through
 * in parts; no file is ever held in memory whole.
 */
@Component
class AttachmentStore {

	private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);

	private final MinioClient storage;

	private final String bucket;

	private volatile boolean bucketReady;

	AttachmentStore(MinioClient storage, ChatProperties properties) {
		this.storage = storage;
		this.bucket = properties.attachmentBucket();
	}

	void put(String key, InputStream content, long size, String contentType) throws Exception {
		ensureBucket();
		this.storage.putObject(PutObjectArgs.builder()
			.bucket(this.bucket)
			.object(key)
			.stream(content, size, -1L)
			.contentType(contentType)
			.build());
	}

	InputStream get(String key) throws Exception {
		return this.storage.getObject(GetObjectArgs.builder().bucket(this.bucket).object(key).build());
	}

	void removeQuietly(String key) {
		try {
			this.storage.removeObject(RemoveObjectArgs.builder().bucket(this.bucket).object(key).build());
		}
		catch (Exception ex) {
			log.warn("Could not remove attachment {}: {}", key, ex.getMessage());
		}
	}

	private void ensureBucket() throws Exception {
		if (!this.bucketReady) {
			if (!this.storage.bucketExists(BucketExistsArgs.builder().bucket(this.bucket).build())) {
				try {
					this.storage.makeBucket(MakeBucketArgs.builder().bucket(this.bucket).build());
				}
				catch (ErrorResponseException ex) {
					// another instance made it first
					if (!ex.errorResponse().code().startsWith("BucketAlready")) {
						throw ex;
					}
				}
			}
			this.bucketReady = true;
		}
	}

}
