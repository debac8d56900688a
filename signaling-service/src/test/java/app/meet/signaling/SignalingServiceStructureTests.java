package app.meet.signaling;

import app.meet.devstack.test.ServiceStructureTests;

class SignalingServiceStructureTests extends ServiceStructureTests {

	SignalingServiceStructureTests() {
		super(SignalingServiceApplication.class, "signaling-service");
	}

}
