package app.meet.recording;

import app.meet.devstack.test.ServiceContractTests;

class RecordingServiceApplicationIntegrationTests extends ServiceContractTests {

	RecordingServiceApplicationIntegrationTests() {
		super("recording", "db", "redis", "s3");
	}

}
