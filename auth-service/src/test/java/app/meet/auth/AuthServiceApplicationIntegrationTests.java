package app.meet.auth;

import app.meet.devstack.test.ServiceContractTests;

class AuthServiceApplicationIntegrationTests extends ServiceContractTests {

	AuthServiceApplicationIntegrationTests() {
		super("auth", "db", "redis", "s3");
	}

}
