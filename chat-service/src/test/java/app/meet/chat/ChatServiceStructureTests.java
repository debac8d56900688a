package app.meet.chat;

import app.meet.devstack.test.ServiceStructureTests;

class ChatServiceStructureTests extends ServiceStructureTests {

	ChatServiceStructureTests() {
		super(ChatServiceApplication.class, "chat-service");
	}

}
