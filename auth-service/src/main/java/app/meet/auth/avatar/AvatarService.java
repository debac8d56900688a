package app.meet.auth.avatar;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.auth.account.AccountService;
import app.meet.auth.account.User;
import app.meet.auth.account.UserRepository;
import app.meet.auth.config.AuthProperties;

import org.springframework.stereotype.Service;

/** Avatars in the object store, one object per upload, in a bucket auth-service owns. */
@Service
class AvatarService {

	private static final Logger log = LoggerFactory.getLogger(AvatarService.class);

	private final MinioClient storage;

	private final AccountService accounts;

	private final UserRepository users;

	private final String bucket;

	private volatile boolean bucketReady;

	AvatarService(MinioClient storage, AccountService accounts, UserRepository users, AuthProperties properties) {
		this.storage = storage;
		this.accounts = accounts;
		this.users = users;
		this.bucket = properties.avatarBucket();
	}

	/**
	 * Stores a new avatar: the picture alone, re-encoded and scaled down
	 * ({@link AvatarImage}), whatever the upload carried besides.
	 * @throws NotAnImageException unless the content is a PNG, JPEG or WebP image
	 * @throws AvatarImage.ImageTooLargeException if the image is too large to decode
	 */
	User upload(UUID userId, InputStream content) throws Exception {
		byte[] upload = content.readAllBytes();
		ImageType type = ImageType.detect(Arrays.copyOf(upload, Math.min(upload.length, ImageType.SIGNATURE_LENGTH)))
			.orElseThrow(NotAnImageException::new);
		AvatarImage.Encoded avatar = AvatarImage.normalize(upload, type);
		ensureBucket();
		String object = "users/" + userId + "/" + UUID.randomUUID();
		this.storage.putObject(PutObjectArgs.builder()
			.bucket(this.bucket)
			.object(object)
			.stream(new ByteArrayInputStream(avatar.bytes()), (long) avatar.bytes().length, -1L)
			.contentType(avatar.type().contentType())
			.build());
		String previous = this.accounts.current(userId).avatarObject();
		User updated = this.accounts.changeAvatar(userId, object, avatar.type().contentType());
		if (previous != null) {
			removeQuietly(previous);
		}
		return updated;
	}

	/** The avatar's bytes and type, if the user has one. */
	Optional<Avatar> download(UUID userId) throws Exception {
		Optional<User> user = this.users.findById(userId).filter((found) -> found.avatarObject() != null);
		if (user.isEmpty()) {
			return Optional.empty();
		}
		InputStream content = this.storage
			.getObject(GetObjectArgs.builder().bucket(this.bucket).object(user.get().avatarObject()).build());
		return Optional.of(new Avatar(content, user.get().avatarType(), user.get().avatarObject()));
	}

	private void ensureBucket() throws Exception {
		if (!this.bucketReady) {
			if (!this.storage.bucketExists(BucketExistsArgs.builder().bucket(this.bucket).build())) {
				this.storage.makeBucket(MakeBucketArgs.builder().bucket(this.bucket).build());
			}
			this.bucketReady = true;
		}
	}

	private void removeQuietly(String object) {
		try {
			this.storage.removeObject(RemoveObjectArgs.builder().bucket(this.bucket).object(object).build());
		}
		catch (Exception ex) {
			log.warn("Could not remove replaced avatar {}: {}", object, ex.getMessage());
		}
	}

	record Avatar(InputStream content, String contentType, String version) {
	}

	/** Upload content that is not a PNG, JPEG or WebP image. */
	static class NotAnImageException extends RuntimeException {

		NotAnImageException() {
			super("The file must be a PNG, JPEG or WebP image");
		}

	}

}
