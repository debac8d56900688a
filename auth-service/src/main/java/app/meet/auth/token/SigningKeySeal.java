package app.meet.auth.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import app.meet.auth.config.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Seals the private signing keys before they reach the database, so that a copy of the
 * database (a backup, a replica) cannot sign tokens: AES-256-GCM with the key from
 * {@code AUTH_KEY_ENCRYPTION_KEY}, a fresh nonce per key, and the key's id as associated
 * data so a sealed key cannot be passed off under another id.
 */
@Component
class SigningKeySeal {

	private static final String CIPHER = "AES/GCM/NoPadding";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	SigningKeySeal(AuthProperties properties) {
		this.key = decode(properties.keyEncryptionKey());
	}

	/** The nonce, then the encrypted key and its tag. */
	byte[] seal(String kid, byte[] privateKey) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance(CIPHER);
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(privateKey);
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal signing key " + kid, ex);
		}
	}

	byte[] open(String kid, byte[] sealed) {
		try {
			Cipher cipher = Cipher.getInstance(CIPHER);
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new IllegalStateException("Signing key " + kid
					+ " cannot be opened: it was sealed with another AUTH_KEY_ENCRYPTION_KEY, or altered", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot open signing key " + kid, ex);
		}
	}

	private static SecretKey decode(String encoded) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(encoded.strip());
		}
		catch (IllegalArgumentException ex) {
			bytes = new byte[0];
		}
		if (bytes.length != 32) {
			throw new IllegalStateException(
					"AUTH_KEY_ENCRYPTION_KEY (meet.auth.key-encryption-key) must be 32 random bytes in base64, "
							+ "for example from: openssl rand -base64 32");
		}
		return new SecretKeySpec(bytes, "AES");
	}

}
