package app.meet.signaling;

import app.meet.devstack.test.ServiceContractTests;

class SignalingServiceApplicationIntegrationTests extends ServiceContractTests {

	SignalingServiceApplicationIntegrationTests() {
		super(null, "redis");
	}

}
