package app.meet.gateway;

import app.meet.devstack.test.ServiceStructureTests;

class GatewayStructureTests extends ServiceStructureTests {

	GatewayStructureTests() {
		super(GatewayApplication.class, "gateway");
	}

}
