package app.meet.chat.message;

import java.io.InputStream;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.chat.config.ChatProperties;
import app.meet.platform.storage.Buckets;

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
			Buckets.ensure(this.storage, this.bucket);
			this.bucketReady = true;
		}
	}

}
