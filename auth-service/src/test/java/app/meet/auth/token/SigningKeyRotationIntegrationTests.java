package app.meet.auth.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.JWKSet;

import org.junit.jupiter.api.Test;

import app.meet.auth.config.AuthProperties;
import app.meet.devstack.test.EmbeddedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@EmbeddedInfrastructure
class SigningKeyRotationIntegrationTests {

	@Autowired
	private SigningKeys keys;

	@Autowired
	private TokenService tokens;

	@Autowired
	private JwtDecoder decoder;

	@Autowired
	private JwksController jwks;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private AuthProperties properties;

	@Autowired
	private SigningKeySeal seal;

	@Test
	void afterARotationTheNewKeySignsAndTheOldOneKeepsVerifyingAndStaysPublished() {
		IssuedTokens before = this.tokens.issue(storedSubject());
		String oldKid = this.decoder.decode(before.accessToken()).getHeaders().get("kid").toString();

		this.keys.rotate();

		IssuedTokens after = this.tokens.issue(storedSubject());
		String newKid = this.decoder.decode(after.accessToken()).getHeaders().get("kid").toString();
		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(this.decoder.decode(before.accessToken()).getSubject()).isEqualTo(before.userId().toString());
		assertThat(this.jwks.jwks().getBody().toString()).contains(oldKid).contains(newKid);
	}

	@Test
	void aScheduledKeyIsPublishedBeforeItSigns() {
		String signing = kidOf(this.tokens.issue(storedSubject()));

		this.keys.rotate(Duration.ofMinutes(2));

		String published = this.keys.published().getKeys().getFirst().getKeyID();
		assertThat(published).isNotEqualTo(signing);
		assertThat(this.jwks.jwks().getBody().toString()).contains(published).contains(signing);
		assertThat(kidOf(this.tokens.issue(storedSubject()))).as("the old key signs during the lead")
			.isEqualTo(signing);
	}

	@Test
	void privateKeysAreStoredSealedAndKeysStoredOpenBeforeAreSealedOnTheNextLoad() throws Exception {
		this.keys.rotate();
		String kid = this.keys.published().getKeys().getFirst().getKeyID();
		byte[] stored = this.jdbc.sql("SELECT private_key FROM signing_keys WHERE kid = :kid AND sealed")
			.param("kid", kid)
			.query(byte[].class)
			.single();
		assertThat(stored).isNotEqualTo(this.keys.current().toECPrivateKey().getEncoded());

		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair open = generator.generateKeyPair();
		String openKid = UUID.randomUUID().toString();
		this.jdbc.sql("""
				INSERT INTO signing_keys (kid, algorithm, private_key, sealed, public_key, created_at, signs_from)
				VALUES (:kid, 'ES256', :privateKey, false, :publicKey, now(), now() + interval '1 day')
				""")
			.param("kid", openKid)
			.param("privateKey", open.getPrivate().getEncoded())
			.param("publicKey", open.getPublic().getEncoded())
			.update();

		this.keys.rotateWhenDue();

		assertThat(this.keys.published().getKeyByKeyId(openKid).toECKey().toECPrivateKey().getEncoded())
			.isEqualTo(open.getPrivate().getEncoded());
		assertThat(this.jdbc.sql("SELECT private_key FROM signing_keys WHERE kid = :kid AND sealed")
			.param("kid", openKid)
			.query(byte[].class)
			.single()).isNotEqualTo(open.getPrivate().getEncoded());
	}

	/**
	 * PostgreSQL away when the rotation check runs: the keys loaded before go on signing
	 * and verifying, and no request waits on the database for them.
	 */
	@Test
	void theKeysLoadedBeforeGoOnWhileTheDatabaseIsAwayAtTheRotationCheck() {
		SwitchableDataSource database = new SwitchableDataSource(this.dataSource);
		SigningKeys keys = new SigningKeys(JdbcClient.create(database), this.properties, Clock.systemUTC(),
				new DataSourceTransactionManager(database), this.seal);
		JWKSet before = keys.published();

		database.away = true;
		keys.rotateWhenDue();

		assertThat(keys.published().getKeys()).isEqualTo(before.getKeys());
		assertThat(keys.current().getKeyID()).isEqualTo(before.getKeys().getFirst().getKeyID());
		assertThat(database.refused).as("connections asked for while away").isEqualTo(1);
	}

	private String kidOf(IssuedTokens issued) {
		return this.decoder.decode(issued.accessToken()).getHeaders().get("kid").toString();
	}

	private TokenSubject storedSubject() {
		return StoredAccounts.insert(this.jdbc, "rot");
	}

	/** The test's database, until the test says it is away. */
	private static final class SwitchableDataSource extends DelegatingDataSource {

		private volatile boolean away;

		private int refused;

		SwitchableDataSource(DataSource database) {
			super(database);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.away) {
				this.refused++;
				throw new SQLTransientConnectionException("PostgreSQL is away", "08001");
			}
			return super.getConnection();
		}

	}

}
