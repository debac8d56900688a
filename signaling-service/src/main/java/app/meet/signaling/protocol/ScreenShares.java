package app.meet.signaling.protocol;

import java.util.HashSet;
import java.util.Set;

/**
 * Recognises a screen share in an offer's SDP the way the frontend's receivers do: a
 * video track whose stream carries no audio (the camera travels with the microphone in
 * one stream, the screen alone in its own). The frontend never announces sharing itself
 * (SEED-WIRE.md 4.5), so the server infers it from the sharer's offers.
 */
public final class ScreenShares {

	private ScreenShares() {
	}

	public static boolean inOffer(String sdp) {
		Set<String> audioStreams = new HashSet<>();
		Set<String> videoStreams = new HashSet<>();
		String media = null;
		boolean sending = true;
		for (String line : sdp.split("\r?\n")) {
			if (line.startsWith("m=")) {
				media = line.substring(2, Math.max(2, line.indexOf(' ')));
				sending = true;
			}
			else if (line.equals("a=recvonly") || line.equals("a=inactive")) {
				sending = false;
			}
			else if (line.startsWith("a=msid:") && media != null && sending) {
				String stream = line.substring("a=msid:".length()).split(" ")[0];
				if (!stream.equals("-")) {
					(media.equals("audio") ? audioStreams : videoStreams).add(stream);
				}
			}
		}
		videoStreams.removeAll(audioStreams);
		return !videoStreams.isEmpty();
	}

}
