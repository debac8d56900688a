package app.meet.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;

/** The bucket a service owns, made on first use. */
public final class Buckets {

	private Buckets() {
	}

	/** Makes the bucket unless it exists; another instance making it first is fine. */
	public static void ensure(MinioClient storage, String bucket) throws MinioException {
		if (storage.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
			return;
		}
		try {
			storage.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
		}
		catch (ErrorResponseException ex) {
			if (!ex.errorResponse().code().startsWith("BucketAlready")) {
				throw ex;
			}
		}
	}

}
