package app.meet.devstack;

import java.util.Map;

/**
 * The passwords and keys the embedded servers are started with. The development ones are
 * the defaults of the services' development profile; a stack run in the production
 * configuration needs others, as the services refuse those defaults there.
 *
 * @param redisPassword Redis' password
 * @param s3AccessKey the S3 server's access key
 * @param s3SecretKey the S3 server's secret key
 * @param databasePasswords each service's database password by its role (such as
 * {@code chat_service}); a role not named has its own name as its password, as in the
 * development profile
 */
public record Credentials(String redisPassword, String s3AccessKey, String s3SecretKey,
		Map<String, String> databasePasswords) {

	public static final Credentials DEVELOPMENT = new Credentials(RedisServer.PASSWORD, S3Server.ACCESS_KEY,
			S3Server.SECRET_KEY, Map.of());

	public Credentials {
		databasePasswords = Map.copyOf(databasePasswords);
	}

	String databasePassword(ServiceDefinition service) {
		return this.databasePasswords.getOrDefault(service.databaseRole(), service.databaseRole());
	}

}
