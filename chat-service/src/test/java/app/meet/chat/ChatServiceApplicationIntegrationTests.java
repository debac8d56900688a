package app.meet.chat;

import app.meet.devstack.test.ServiceContractTests;

class ChatServiceApplicationIntegrationTests extends ServiceContractTests {

	ChatServiceApplicationIntegrationTests() {
		super("chat", "db", "redis", "s3");
	}

}
