package app.meet.meeting;

import app.meet.devstack.test.ServiceContractTests;

class MeetingServiceApplicationIntegrationTests extends ServiceContractTests {

	MeetingServiceApplicationIntegrationTests() {
		super("meeting", "db", "redis");
	}

}
