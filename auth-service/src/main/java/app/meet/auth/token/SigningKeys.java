package app.meet.auth.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import app.meet.auth.config.AuthProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys access tokens are signed with, kept in the database so that tokens
 * survive restarts and every instance signs and verifies alike. When the signing key is
 * older than the rotation interval a new one is published, and signs once the publication
 * lead has passed (so every verifier's cached key set holds it by then); the old one
 * signs until then and stays published (and keeps verifying) until the tokens it signed
 * have expired.
 */
@Component
class SigningKeys {

	/** Serializes rotation across instances. */
	private static final long ROTATION_LOCK = 0x6d6565745f6b6579L;

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	private static final Duration CACHE_TTL = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final AuthProperties properties;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final SigningKeySeal seal;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	private final AtomicBoolean reloading = new AtomicBoolean();

	SigningKeys(JdbcClient jdbc, AuthProperties properties, Clock clock, PlatformTransactionManager transactionManager,
			SigningKeySeal seal) {
		this.jdbc = jdbc;
		this.seal = seal;
		this.properties = properties;
		this.clock = clock;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** The key that signs now: the newest one whose publication lead has passed. */
	ECKey current() {
		Snapshot snapshot = snapshot();
		Instant now = this.clock.instant();
		return snapshot.signsFrom()
			.entrySet()
			.stream()
			.filter((key) -> !key.getValue().isAfter(now))
			.map(Map.Entry::getKey)
			.findFirst()
			.or(() -> snapshot.signsFrom().keySet().stream().reduce((newer, older) -> older))
			.map((kid) -> snapshot.keys().getKeyByKeyId(kid).toECKey())
			.orElseThrow();
	}

	/** Every key that may still verify a valid token, newest first. */
	JWKSet published() {
		return snapshot().keys();
	}

	/** Public halves only, for the JWKS endpoint. */
	JWKSet publicKeys() {
		return published().toPublicJWKSet();
	}

	/**
	 * The keys as last loaded. Once they are older than the cache's lifetime they are
	 * loaded again in the background, so that signing and the key set never wait on the
	 * database, and go on while it is away (the keys loaded before still sign and
	 * verify).
	 */
	private Snapshot snapshot() {
		Snapshot current = this.snapshot.get();
		if (current == null) {
			return reload();
		}
		if (current.loadedAt().plus(CACHE_TTL).isBefore(this.clock.instant())
				&& this.reloading.compareAndSet(false, true)) {
			Thread.ofVirtual().name("signing-keys-reload").start(() -> {
				try {
					reload();
				}
				catch (RuntimeException ex) {
					log.warn("Could not reload the signing keys; the ones loaded at {} go on: {}", current.loadedAt(),
							ex.getMessage());
				}
				finally {
					this.reloading.set(false);
				}
			});
		}
		return current;
	}

	private Snapshot reload() {
		Snapshot loaded = load();
		if (rotationDue(loaded.newestCreatedAt())) {
			rotate(false, this.properties.keyPublicationLead());
			loaded = load();
		}
		this.snapshot.set(loaded);
		return loaded;
	}

	/**
	 * Checks every few minutes whether the signing key is due for rotation. While the
	 * database is away the keys loaded before go on signing and verifying: a failed check
	 * never leaves requests to load the keys themselves.
	 */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
	void rotateWhenDue() {
		try {
			reload();
		}
		catch (RuntimeException ex) {
			log.warn("Could not check whether the signing key is due for rotation; the keys loaded before go on: {}",
					ex.getMessage());
		}
	}

	/**
	 * Makes a new key the signing key now, whatever the age of the current one (a key
	 * thought compromised); verifiers fetch it on first sight of its id.
	 */
	void rotate() {
		rotate(true, Duration.ZERO);
		this.snapshot.set(load());
	}

	/** Publishes a new key now that signs from {@code lead} on. */
	void rotate(Duration lead) {
		rotate(true, lead);
		this.snapshot.set(load());
	}

	private void rotate(boolean force, Duration lead) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", ROTATION_LOCK).query().singleRow();
			Instant newest = this.jdbc.sql("SELECT max(created_at) FROM signing_keys")
				.query(Timestamp.class)
				.optional()
				.map(Timestamp::toInstant)
				.orElse(Instant.EPOCH);
			if (!force && !rotationDue(newest)) {
				return;
			}
			Instant now = this.clock.instant();
			Instant signsFrom = now.plus(lead);
			KeyPair pair = generate();
			String kid = UUID.randomUUID().toString();
			this.jdbc.sql("UPDATE signing_keys SET retired_at = :signsFrom WHERE retired_at IS NULL")
				.param("signsFrom", Timestamp.from(signsFrom))
				.update();
			this.jdbc.sql("""
					INSERT INTO signing_keys (kid, algorithm, private_key, sealed, public_key, created_at, signs_from)
					VALUES (:kid, 'ES256', :privateKey, true, :publicKey, :createdAt, :signsFrom)
					""")
				.param("kid", kid)
				.param("privateKey", this.seal.seal(kid, pair.getPrivate().getEncoded()))
				.param("publicKey", pair.getPublic().getEncoded())
				.param("createdAt", Timestamp.from(now))
				.param("signsFrom", Timestamp.from(signsFrom))
				.update();
		});
	}

	private boolean rotationDue(Instant newestCreatedAt) {
		return newestCreatedAt.plus(this.properties.keyRotationInterval()).isBefore(this.clock.instant());
	}

	private Snapshot load() {
		sealKeysStoredOpen();
		Instant verifiableSince = this.clock.instant()
			.minus(this.properties.accessTokenTtl())
			.minus(Duration.ofMinutes(1));
		List<StoredKey> keys = this.jdbc.sql("""
				SELECT kid, private_key, public_key, created_at, signs_from FROM signing_keys
				WHERE sealed AND (retired_at IS NULL OR retired_at > :since) ORDER BY created_at DESC
				""")
			.param("since", Timestamp.from(verifiableSince))
			.query((row, index) -> new StoredKey(row.getString("kid"),
					this.seal.open(row.getString("kid"), row.getBytes("private_key")), row.getBytes("public_key"),
					row.getTimestamp("created_at").toInstant(), row.getTimestamp("signs_from").toInstant()))
			.list();
		Instant newest = keys.isEmpty() ? Instant.EPOCH : keys.getFirst().createdAt();
		Map<String, Instant> signsFrom = new LinkedHashMap<>();
		keys.forEach((key) -> signsFrom.put(key.kid(), key.signsFrom()));
		return new Snapshot(new JWKSet(keys.stream().map(StoredKey::toJwk).map((key) -> (JWK) key).toList()), signsFrom,
				newest, this.clock.instant());
	}

	/** Keys stored before they were sealed (by an older version) are sealed in place. */
	private void sealKeysStoredOpen() {
		List<Map.Entry<String, byte[]>> open = this.jdbc
			.sql("SELECT kid, private_key FROM signing_keys WHERE NOT sealed")
			.query((row, index) -> Map.entry(row.getString("kid"), row.getBytes("private_key")))
			.list();
		for (Map.Entry<String, byte[]> key : open) {
			this.jdbc
				.sql("UPDATE signing_keys SET private_key = :sealed, sealed = true WHERE kid = :kid AND NOT sealed")
				.param("sealed", this.seal.seal(key.getKey(), key.getValue()))
				.param("kid", key.getKey())
				.update();
			log.info("Sealed signing key {}, stored before signing keys were sealed", key.getKey());
		}
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a P-256 key", ex);
		}
	}

	/**
	 * @param signsFrom when each key starts signing, newest key first
	 */
	private record Snapshot(JWKSet keys, Map<String, Instant> signsFrom, Instant newestCreatedAt, Instant loadedAt) {
	}

	private record StoredKey(String kid, byte[] privateKey, byte[] publicKey, Instant createdAt, Instant signsFrom) {

		ECKey toJwk() {
			try {
				KeyFactory factory = KeyFactory.getInstance("EC");
				ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(this.publicKey));
				ECPrivateKey privateKey = (ECPrivateKey) factory
					.generatePrivate(new PKCS8EncodedKeySpec(this.privateKey));
				return new ECKey.Builder(Curve.P_256, publicKey).privateKey(privateKey)
					.keyID(this.kid)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256)
					.build();
			}
			catch (java.security.GeneralSecurityException ex) {
				throw new IllegalStateException("Stored signing key " + this.kid + " is unreadable", ex);
			}
		}

	}

}
