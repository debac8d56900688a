package app.meet.signaling.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScreenSharesTests {

	private static final String CAMERA_AND_MICROPHONE = """
			v=0\r
			m=audio 9 UDP/TLS/RTP/SAVPF 111\r
			a=sendrecv\r
			a=msid:camera-stream mic-track\r
			m=video 9 UDP/TLS/RTP/SAVPF 96\r
			a=sendrecv\r
			a=msid:camera-stream camera-track\r
			""";

	@Test
	void aVideoTrackInAStreamWithoutAudioIsAScreenShare() {
		String withScreen = CAMERA_AND_MICROPHONE + """
				m=video 9 UDP/TLS/RTP/SAVPF 96\r
				a=sendrecv\r
				a=msid:screen-stream screen-track\r
				""";
		assertThat(ScreenShares.inOffer(withScreen)).isTrue();
	}

	@Test
	void cameraAndMicrophoneAloneAreNoScreenShare() {
		assertThat(ScreenShares.inOffer(CAMERA_AND_MICROPHONE)).isFalse();
		assertThat(ScreenShares.inOffer("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\na=msid:- track\r\n"))
			.isFalse();
	}

	@Test
	void aStoppedScreenTrackNoLongerCounts() {
		String stopped = CAMERA_AND_MICROPHONE + """
				m=video 9 UDP/TLS/RTP/SAVPF 96\r
				a=inactive\r
				a=msid:screen-stream screen-track\r
				""";
		assertThat(ScreenShares.inOffer(stopped)).isFalse();
	}

}
