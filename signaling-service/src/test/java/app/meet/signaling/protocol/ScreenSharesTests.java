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

	@Test
	void linesMayEndInLineFeedsAloneAndTheLastNeedsNoEnd() {
		assertThat(
				ScreenShares.inOffer("v=0\nm=audio 9 RTP 111\na=msid:camera mic\nm=video 9 RTP 96\na=msid:camera cam\n"
						+ "m=video 9 RTP 96\na=msid:screen screen-track"))
			.isTrue();
		assertThat(ScreenShares.inOffer("v=0\nm=video 9 RTP 96\na=inactive\na=msid:screen screen-track")).isFalse();
	}

	@Test
	void textWithoutMediaSectionsIsNoScreenShare() {
		assertThat(ScreenShares.inOffer("")).isFalse();
		assertThat(ScreenShares.inOffer("a=msid:screen screen-track\r\n")).isFalse();
		assertThat(ScreenShares.inOffer("a=x".repeat(2000))).isFalse();
	}

	@Test
	void aWordWithoutAFollowingSpaceEndsWithItsLine() {
		assertThat(ScreenShares.inOffer("m=video\r\na=msid:screen\r\n")).isTrue();
	}

}
