package app.meet.signaling.protocol;

import java.util.HashSet;
import java.util.Set;

/**
 * Recognises a screen share in an offer's SDP the way the frontend's receivers do: a
 * video track whose stream carries no audio (the camera travels with the microphone in
 * one stream, the screen alone in its own). The frontend never announces sharing itself
 * (docs/signaling.md), so the server infers it from the sharer's offers.
 */
public final class ScreenShares {

	private static final String MSID = "a=msid:";

	private ScreenShares() {
	}

	/**
	 * Scans the SDP's lines in place: every offer passes through here, and most of its
	 * lines (codecs, candidates, fingerprints) are skipped without being copied.
	 */
	public static boolean inOffer(String sdp) {
		Set<String> audioStreams = new HashSet<>();
		Set<String> videoStreams = new HashSet<>();
		String media = null;
		boolean sending = true;
		int start = 0;
		while (start < sdp.length()) {
			int newline = sdp.indexOf('\n', start);
			int lineBreak = (newline >= 0) ? newline : sdp.length();
			int end = (lineBreak > start && sdp.charAt(lineBreak - 1) == '\r') ? lineBreak - 1 : lineBreak;
			if (sdp.startsWith("m=", start)) {
				media = sdp.substring(start + 2, wordEnd(sdp, start + 2, end));
				sending = true;
			}
			else if (isLine(sdp, start, end, "a=recvonly") || isLine(sdp, start, end, "a=inactive")) {
				sending = false;
			}
			else if (media != null && sending && sdp.startsWith(MSID, start)) {
				int idStart = start + MSID.length();
				String stream = sdp.substring(idStart, wordEnd(sdp, idStart, end));
				if (!stream.equals("-")) {
					(media.equals("audio") ? audioStreams : videoStreams).add(stream);
				}
			}
			start = lineBreak + 1;
		}
		videoStreams.removeAll(audioStreams);
		return !videoStreams.isEmpty();
	}

	/** Where the word starting at {@code from} ends, looking no further than its line. */
	private static int wordEnd(String sdp, int from, int lineEnd) {
		int space = sdp.indexOf(' ', from, lineEnd);
		return (space >= 0) ? space : lineEnd;
	}

	private static boolean isLine(String sdp, int start, int end, String line) {
		return end - start == line.length() && sdp.startsWith(line, start);
	}

}
