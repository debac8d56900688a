package app.meet.auth;

import app.meet.devstack.test.ServiceStructureTests;

class AuthServiceStructureTests extends ServiceStructureTests {

	AuthServiceStructureTests() {
		super(AuthServiceApplication.class, "auth-service");
	}

}
