package app.meet.e2e;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import app.meet.e2e.Rooms.Room;
import app.meet.e2e.Rooms.User;

import static app.meet.e2e.Gateway.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * recording-service through the gateway: a recording uploaded in uneven chunks as it is
 * made, finished by a stop, the meeting's end or a restart in between, played back byte
 * for byte with ranges, and every authorization rule.
 */
@Order(7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordingEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final int MIB = 1024 * 1024;

	private static Gateway gateway;

	private static Rooms rooms;

	@BeforeAll
	static void stack() {
		gateway = new Gateway(RunningStack.get().gatewayUrl());
		rooms = new Rooms(gateway);
	}

	@Test
	void unevenChunksPlayBackByteForByteWithRanges() {
		Room room = rooms.open(1, Map.of());
		User guest = room.guests().get(0);
		HttpResponse<String> started = start(room, room.host());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		JsonNode recording = Gateway.json(started);
		String id = recording.get("id").asString();
		assertThat(started.headers().firstValue("Location")).hasValue("/api/recordings/" + id);
		assertThat(recording.get("status").asString()).isEqualTo("recording");
		assertThat(recording.get("started_by").asString()).isEqualTo(room.host().id());
		await(() -> meeting(room).get("is_recording").asBoolean());

		byte[] media = randomBytes(15 * MIB + 12345, 1);
		int[] sizes = { 300_000, 1_100_000, 4_700_000, 90_000, 2_500_000, 5_600_000 };
		List<byte[]> chunks = split(media, sizes);
		for (int seq = 0; seq < chunks.size(); seq++) {
			assertThat(putChunk(room.host(), id, seq, "video/webm;codecs=vp8,opus", chunks.get(seq)).statusCode())
				.isEqualTo(204);
			if (seq == 2) {
				assertThat(putChunk(room.host(), id, 2, "video/webm", chunks.get(2)).statusCode()).as("a repeat")
					.isEqualTo(204);
				HttpResponse<String> gap = putChunk(room.host(), id, 5, "video/webm", chunks.get(2));
				assertProblem(gap, 409, "out-of-order");
				assertThat(Gateway.json(gap).get("expected_seq").asInt()).isEqualTo(3);
			}
		}
		HttpResponse<String> stopped = gateway.post("/api/recordings/" + id + "/stop", room.host().token(), Map.of());
		assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
		JsonNode ready = Gateway.json(stopped);
		assertThat(ready.get("status").asString()).isEqualTo("ready");
		assertThat(ready.get("size_bytes").asLong()).isEqualTo(media.length);
		assertThat(ready.get("content_type").asString()).isEqualTo("video/webm;codecs=vp8,opus");
		assertThat(ready.get("media_url").asString()).isEqualTo("/api/recordings/" + id + "/media");
		assertThat(gateway.post("/api/recordings/" + id + "/stop", room.host().token(), Map.of()).statusCode())
			.as("stopping again answers it as it is")
			.isEqualTo(200);
		assertProblem(putChunk(room.host(), id, 6, "video/webm", chunks.get(0)), 409, "recording-finished");

		HttpResponse<byte[]> whole = media(guest, id, null);
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/webm;codecs=vp8,opus");
		assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(whole.body()).isEqualTo(media);
		assertRange(guest, id, "bytes=0-99", media, 0, 99);
		assertRange(guest, id, "bytes=6000000-6000999", media, 6_000_000, 6_000_999);
		assertRange(guest, id, "bytes=-500", media, media.length - 500, media.length - 1);
		assertRange(guest, id, "bytes=" + (media.length - 10) + "-", media, media.length - 10, media.length - 1);
		assertRange(guest, id, "bytes=" + (media.length - 10) + "-" + (media.length + 1000), media, media.length - 10,
				media.length - 1);
		HttpResponse<byte[]> beyond = media(guest, id, "bytes=" + media.length + "-");
		assertThat(beyond.statusCode()).isEqualTo(416);
		assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + media.length);
		String entityTag = whole.headers().firstValue("ETag").orElseThrow();
		assertThat(mediaWith(guest, id, Map.of("Range", "bytes=0-99", "If-Range", entityTag)).statusCode())
			.as("a range of the same media")
			.isEqualTo(206);
		HttpResponse<byte[]> changed = mediaWith(guest, id, Map.of("Range", "bytes=0-99", "If-Range", "\"other\""));
		assertThat(changed.statusCode()).as("a range of other media: all of this one").isEqualTo(200);
		assertThat(changed.body()).isEqualTo(media);
		HttpResponse<byte[]> cached = mediaWith(guest, id, Map.of("If-None-Match", entityTag));
		assertThat(cached.statusCode()).isEqualTo(304);
		assertThat(cached.body()).isEmpty();

		await(() -> !meeting(room).get("is_recording").asBoolean());
		assertThat(meeting(room).get("recording_url").asString()).isEqualTo("/api/recordings/" + id + "/media");
		JsonNode listed = Gateway.json(gateway.get("/api/meetings/" + room.id() + "/recordings", guest.token()));
		assertThat(listed.valueStream().map((each) -> each.get("id").asString())).containsExactly(id);
		await(() -> systemMessages(room, guest).containsAll(List.of("Recording started", "Recording stopped")));
	}

	/**
	 * 200 MB in and out: chunks of 16 MiB are staged and sent as parts, and playback
	 * streams. The service's old generation (where a buffer of the whole recording would
	 * have to live) does not grow by anything like the recording's size while it plays.
	 */
	@Test
	void aTwoHundredMegabyteRecordingPlaysWithoutTheHeapGrowing() throws Exception {
		Room room = rooms.open(0, Map.of());
		String id = started(start(room, room.host()));
		int chunks = 12;
		int chunkSize = 16 * MIB;
		MessageDigest uploaded = MessageDigest.getInstance("SHA-256");
		for (int seq = 0; seq < chunks; seq++) {
			byte[] chunk = randomBytes(chunkSize - seq * 1000, 100 + seq);
			uploaded.update(chunk);
			assertThat(putChunk(room.host(), id, seq, "video/webm", chunk).statusCode()).isEqualTo(204);
		}
		HttpResponse<String> stopped = gateway.post("/api/recordings/" + id + "/stop", room.host().token(), Map.of());
		long size = Gateway.json(stopped).get("size_bytes").asLong();
		assertThat(size).isGreaterThan(200_000_000L);
		long oldGenerationBefore = oldGenerationUsed();

		MessageDigest played = MessageDigest.getInstance("SHA-256");
		AtomicLong oldGenerationPeak = new AtomicLong(oldGenerationBefore);
		try (ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor()) {
			sampler.scheduleAtFixedRate(() -> oldGenerationPeak.accumulateAndGet(oldGenerationUsed(), Math::max), 0,
					100, TimeUnit.MILLISECONDS);
			HttpResponse<InputStream> media = gateway
				.sendStream(gateway.request("/api/recordings/" + id + "/media", room.host().token()).GET().build());
			assertThat(media.statusCode()).isEqualTo(200);
			try (InputStream body = media.body()) {
				byte[] buffer = new byte[64 * 1024];
				for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
					played.update(buffer, 0, read);
				}
			}
		}

		assertThat(played.digest()).isEqualTo(uploaded.digest());
		assertThat(oldGenerationPeak.get() - oldGenerationBefore)
			.as("old generation growth while playing %d bytes", size)
			.isLessThan(50L * MIB);
	}

	/**
	 * Bytes in use in recording-service's old generation, from its Prometheus metrics.
	 */
	private static long oldGenerationUsed() {
		HttpResponse<String> metrics = gateway.send(HttpRequest
			.newBuilder(URI.create(StackAccess.instanceUrl("recording-service", 0) + "/actuator/prometheus"))
			.build());
		return metrics.body()
			.lines()
			.filter((line) -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")
					&& (line.contains("Tenured Gen") || line.contains("Old Gen")))
			.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/**
	 * Last: the restarted instance hears {@code meeting.events} again only once Kafka has
	 * given up on the killed one (its 10 s session timeout), which could hold up the
	 * membership news of later tests. By the time the restarted instance is ready it has
	 * done so: a meeting created then can be recorded at once.
	 */
	@Test
	@Order(Integer.MAX_VALUE)
	void theUploadGoesOnAfterARestartOfTheService() throws Exception {
		Room room = rooms.open(0, Map.of());
		String id = started(start(room, room.host()));
		byte[] media = randomBytes(7 * MIB, 2);
		List<byte[]> chunks = split(media, new int[] { 2_000_000, 1_500_000, 3_000_000 });
		assertThat(putChunk(room.host(), id, 0, "video/webm", chunks.get(0)).statusCode()).isEqualTo(204);
		assertThat(putChunk(room.host(), id, 1, "video/webm", chunks.get(1)).statusCode()).isEqualTo(204);
		assertThat(putChunk(room.host(), id, 2, "video/webm", chunks.get(2)).statusCode()).isEqualTo(204);

		RunningStack.get().killInstance("recording-service");
		RunningStack.get().restartInstance("recording-service");

		for (int seq = 3; seq < chunks.size(); seq++) {
			assertThat(putChunk(room.host(), id, seq, "video/webm", chunks.get(seq)).statusCode()).isEqualTo(204);
		}
		HttpResponse<String> stopped = gateway.post("/api/recordings/" + id + "/stop", room.host().token(), Map.of());
		assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
		assertThat(media(room.host(), id, null).body()).isEqualTo(media);

		Room later = rooms.open(0, Map.of());
		assertThat(started(start(later, later.host()))).isNotBlank();
	}

	@Test
	void theMeetingsEndFinishesItsRecording() {
		Room room = rooms.open(0, Map.of());
		String id = started(start(room, room.host()));
		byte[] media = randomBytes(600_000, 3);
		assertThat(putChunk(room.host(), id, 0, "video/mp4", media).statusCode()).isEqualTo(204);

		assertThat(gateway.post("/api/meetings/" + room.id() + "/end", room.host().token(), Map.of()).statusCode())
			.isEqualTo(200);

		await(() -> "ready"
			.equals(Gateway.json(gateway.get("/api/recordings/" + id, room.host().token())).get("status").asString()));
		HttpResponse<byte[]> played = media(room.host(), id, null);
		assertThat(played.headers().firstValue("Content-Type")).hasValue("video/mp4");
		assertThat(played.body()).isEqualTo(media);
	}

	@Test
	void parallelRepeatsOfAChunkAndAStopRacingUploadsResolveToOneRecording() throws Exception {
		Room room = rooms.open(0, Map.of());
		String id = started(start(room, room.host()));
		byte[] first = randomBytes(400_000, 4);
		byte[] second = randomBytes(300_000, 5);
		List<Callable<Integer>> repeats = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			repeats.add(() -> putChunk(room.host(), id, 0, "video/webm", first).statusCode());
		}
		try (ExecutorService parallel = Executors.newFixedThreadPool(6)) {
			for (Future<Integer> status : parallel.invokeAll(repeats)) {
				assertThat(status.get()).isEqualTo(204);
			}
			Future<HttpResponse<String>> upload = parallel
				.submit(() -> putChunk(room.host(), id, 1, "video/webm", second));
			Future<HttpResponse<String>> stop = parallel
				.submit(() -> gateway.post("/api/recordings/" + id + "/stop", room.host().token(), Map.of()));
			JsonNode stopped = Gateway.json(stop.get());
			int uploaded = upload.get().statusCode();
			byte[] played = media(room.host(), id, null).body();
			if (uploaded == 204) {
				assertThat(stopped.get("size_bytes").asLong()).isIn((long) first.length,
						(long) first.length + second.length);
				byte[] both = Arrays.copyOf(first, first.length + second.length);
				System.arraycopy(second, 0, both, first.length, second.length);
				assertThat(played).isEqualTo((played.length == first.length) ? first : both);
			}
			else {
				assertThat(uploaded).isEqualTo(409);
				assertThat(played).isEqualTo(first);
			}
			assertThat(
					Gateway.json(gateway.get("/api/recordings/" + id, room.host().token())).get("size_bytes").asLong())
				.isEqualTo(played.length);
		}
	}

	@Test
	void everyRuleOfWhoMayDoWhat() {
		Room room = rooms.open(1, Map.of());
		User guest = room.guests().get(0);
		User outsider = rooms.newUser();
		assertProblem(start(room, guest), 403, "not-moderator");
		assertProblem(start(room, outsider), 403, "not-moderator");
		assertProblem(gateway.post("/api/meetings/" + UUID.randomUUID() + "/recordings", room.host().token(), Map.of()),
				404, "meeting-not-found");
		assertProblem(gateway.post("/api/meetings/not-a-uuid/recordings", room.host().token(), Map.of()), 400, null);

		HttpResponse<String> started = gateway.post("/api/meetings/" + room.id() + "/recording/start",
				room.host().token(), Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		String id = Gateway.json(started).get("id").asString();
		assertProblem(start(room, room.host()), 409, "already-recording");
		byte[] chunk = randomBytes(200_000, 6);
		assertProblem(putChunk(guest, id, 0, "video/webm", chunk), 403, "not-uploader");
		assertProblem(putChunk(room.host(), id, 0, "text/html", chunk), 415, "unsupported-media-type");
		assertProblem(putChunk(room.host(), id, 0, null, chunk), 415, "unsupported-media-type");
		assertProblem(putChunk(room.host(), id, 0, "video/webm", new byte[0]), 400, "empty-chunk");
		assertProblem(putChunk(room.host(), id, 0, "video/webm", new byte[16 * MIB + 1]), 413, null);
		assertProblem(putChunk(room.host(), id, -1, "video/webm", chunk), 400, null);
		assertProblem(putChunk(room.host(), UUID.randomUUID().toString(), 0, "video/webm", chunk), 404,
				"recording-not-found");
		assertThat(putChunk(room.host(), id, 0, "video/webm", chunk).statusCode()).isEqualTo(204);
		assertProblem(putChunk(room.host(), id, 1, "video/mp4", chunk), 415, "unsupported-media-type");
		assertProblem(gateway.get("/api/recordings/" + id + "/media", guest.token()), 409, "recording-not-ready");
		assertProblem(gateway.post("/api/recordings/" + id + "/stop", guest.token(), Map.of()), 403, "not-moderator");

		HttpResponse<String> stopped = gateway.post("/api/meetings/" + room.id() + "/recording/stop",
				room.host().token(), Map.of());
		assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
		assertThat(Gateway.json(stopped).get("size_bytes").asLong()).isEqualTo(chunk.length);
		assertProblem(gateway.post("/api/meetings/" + room.id() + "/recording/stop", room.host().token(), Map.of()),
				409, "not-recording");
		assertProblem(gateway.post("/api/meetings/" + room.id() + "/recording/stop", outsider.token(), Map.of()), 403,
				"not-moderator");

		assertProblem(gateway.get("/api/recordings/" + id, outsider.token()), 403, "not-a-participant");
		assertProblem(gateway.get("/api/recordings/" + id + "/media", outsider.token()), 403, "not-a-participant");
		assertProblem(gateway.get("/api/meetings/" + room.id() + "/recordings", outsider.token()), 403,
				"not-a-participant");
		assertProblem(gateway.get("/api/recordings/" + UUID.randomUUID(), guest.token()), 404, "recording-not-found");
		assertThat(gateway.post("/api/meetings/" + room.id() + "/leave", guest.token(), Map.of()).statusCode())
			.isEqualTo(200);
		assertThat(media(guest, id, null).statusCode()).as("a past participant still watches").isEqualTo(200);

		assertProblem(gateway.send(gateway.request("/api/recordings/" + id, guest.token()).DELETE().build()), 403,
				"not-host");
		assertThat(gateway.send(gateway.request("/api/recordings/" + id, room.host().token()).DELETE().build())
			.statusCode()).isEqualTo(204);
		assertProblem(gateway.get("/api/recordings/" + id, room.host().token()), 404, "recording-not-found");
		assertProblem(gateway.get("/api/recordings/" + id + "/media", room.host().token()), 404, "recording-not-found");

		Room noRecording = rooms.open(0, Map.of("recording_enabled", false));
		assertProblem(start(noRecording, noRecording.host()), 403, "recording-disabled");
	}

	private static void assertRange(User user, String id, String range, byte[] media, int first, int last) {
		HttpResponse<byte[]> part = media(user, id, range);
		assertThat(part.statusCode()).as(range).isEqualTo(206);
		assertThat(part.headers().firstValue("Content-Range"))
			.hasValue("bytes " + first + "-" + last + "/" + media.length);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(media, first, last + 1));
	}

	private static String started(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return Gateway.json(response).get("id").asString();
	}

	private static HttpResponse<String> start(Room room, User user) {
		return gateway.post("/api/meetings/" + room.id() + "/recordings", user.token(), Map.of());
	}

	private static HttpResponse<String> putChunk(User user, String id, int seq, String type, byte[] content) {
		HttpRequest.Builder request = gateway.request("/api/recordings/" + id + "/chunks/" + seq, user.token())
			.PUT(HttpRequest.BodyPublishers.ofByteArray(content));
		if (type != null) {
			request.header("Content-Type", type);
		}
		return gateway.send(request.build());
	}

	private static HttpResponse<byte[]> media(User user, String id, String range) {
		return mediaWith(user, id, (range != null) ? Map.of("Range", range) : Map.of());
	}

	private static HttpResponse<byte[]> mediaWith(User user, String id, Map<String, String> headers) {
		HttpRequest.Builder request = gateway.request("/api/recordings/" + id + "/media", user.token()).GET();
		headers.forEach(request::header);
		return gateway.sendBytes(request.build());
	}

	private static JsonNode meeting(Room room) {
		return Gateway.json(gateway.get("/api/meetings/" + room.id(), room.host().token()));
	}

	private static List<String> systemMessages(Room room, User user) {
		return Gateway.json(gateway.get("/api/meetings/" + room.id() + "/messages", user.token()))
			.valueStream()
			.filter((message) -> message.get("type").asString().equals("system"))
			.map((message) -> message.get("content").asString())
			.toList();
	}

	private static byte[] randomBytes(int size, long seed) {
		byte[] bytes = new byte[size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	/** The media cut at the given sizes, the rest as the last chunk. */
	private static List<byte[]> split(byte[] media, int[] sizes) {
		List<byte[]> chunks = new ArrayList<>();
		int offset = 0;
		for (int size : sizes) {
			chunks.add(Arrays.copyOfRange(media, offset, offset + size));
			offset += size;
		}
		if (offset < media.length) {
			chunks.add(Arrays.copyOfRange(media, offset, media.length));
		}
		return chunks;
	}

	private static void await(Callable<Boolean> condition) {
		Instant deadline = Instant.now().plus(WAIT);
		try {
			while (!condition.call()) {
				assertThat(Instant.now()).as("waited %s", WAIT).isBefore(deadline);
				Thread.sleep(100);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
