package app.meet.meeting;

import app.meet.devstack.test.ServiceStructureTests;

class MeetingServiceStructureTests extends ServiceStructureTests {

	MeetingServiceStructureTests() {
		super(MeetingServiceApplication.class, "meeting-service");
	}

}
