package app.meet.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import app.meet.devstack.PostgresServer;
import app.meet.devstack.Stack;
import app.meet.e2e.Rooms.Room;
import app.meet.e2e.Rooms.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over every public endpoint and the signaling socket, through the gateway:
 * malformed JSON, bodies that are not objects, wrong types, missing fields, fields the
 * API does not know beside bad ones, out-of-range numbers, overlong strings, ids that are
 * not UUIDs, bad query parameters and {@code Range} headers, bodies over the limits,
 * wrong content types, junk and oversized frames. Every answer is below 500 and every
 * error is problem+json; the rows of the database that concern the test's users, meeting
 * and recording are the same afterwards. Fields the API does not know are ignored (the
 * frontend's requests are taken as they are), never assigned.
 */
@Order(10)
class BadInputEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String LONG = "x".repeat(100_000);

	private static Stack stack;

	private static Gateway gateway;

	private static Rooms rooms;

	@BeforeAll
	static void stack() {
		stack = RunningStack.get();
		gateway = new Gateway(stack.gatewayUrl());
		rooms = new Rooms(gateway);
	}

	@Test
	void everyEndpointAnswersBadInputWithAProblemAndChangesNothing() throws Exception {
		Room room = rooms.open(1, Map.of("recording_enabled", true));
		User host = room.host();
		User guest = room.guests().get(0);
		User outsider = rooms.newUser();
		String recording = readyRecording(room);
		String meeting = "/api/meetings/" + room.id();
		List<String> ids = List.of(room.id(), host.id(), guest.id(), outsider.id(), recording);
		// sockets keep the members present, so that nothing marks them as left meanwhile
		try (SignalSocket hostSocket = SignalSocket.open(gateway.baseUrl(), room.id(), host.token());
				SignalSocket guestSocket = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
			hostSocket.send(Map.of("type", "host-join", "data", Map.of()));
			guestSocket.send(Map.of("type", "join-request", "data", Map.of()));
			guestSocket.await("join-approved", WAIT);
			Thread.sleep(2000);
			Map<String, String> before = snapshot(ids);

			List<Probe> probes = new ArrayList<>();
			jsonBodies(probes, "POST", "/api/auth/register", null,
					Map.of("email", "string", "username", "string", "password", "string", "name", "string"));
			jsonBodies(probes, "POST", "/api/auth/login", null, Map.of("email", "string", "password", "string"));
			jsonBodies(probes, "POST", "/api/auth/refresh", null, Map.of("refresh_token", "string"));
			jsonBodies(probes, "PATCH", "/api/auth/me", outsider.token(), Map.of("name", "string"));
			jsonBodies(probes, "POST", "/api/meetings", outsider.token(), Map.of("title", "string", "description",
					"string", "max_users", "number", "scheduled_at", "instant", "settings", "settings"));
			jsonBodies(probes, "POST", "/api/meetings/join", outsider.token(), Map.of("code", "string"));
			jsonBodies(probes, "PATCH", meeting, host.token(), Map.of("title", "string", "description", "string",
					"max_users", "number", "scheduled_at", "instant", "settings", "settings"));
			jsonBodies(probes, "PATCH", meeting + "/participants/me", guest.token(),
					Map.of("is_muted", "boolean", "is_video_on", "boolean", "hand_raised", "boolean"));
			jsonBodies(probes, "PUT", meeting + "/participants/" + guest.id() + "/role", host.token(),
					Map.of("role", "string"));
			jsonBodies(probes, "POST", meeting + "/messages", guest.token(),
					Map.of("content", "string", "type", "string"));
			notUuids(probes, List.of(outsider, rooms.newUser(), rooms.newUser()), room, recording);
			queries(probes, host, guest, room);
			multiparts(probes, outsider, guest, room);
			ranges(probes, guest, recording);
			chunks(probes, host, recording);
			probes.add(new Probe("logout with a malformed body", "POST", "/api/auth/logout", guest.token(),
					"application/json", "{\"refresh_token\": ", true));
			probes.add(new Probe("a stream with a bad Last-Event-ID", "GET", meeting + "/events", guest.token(), null,
					null, true)
				.withHeader("Last-Event-ID", "-1"));

			Map<Integer, Integer> statuses = new TreeMap<>();
			List<String> wrong = new ArrayList<>();
			for (Probe probe : probes) {
				HttpResponse<String> response = gateway.send(probe.request(gateway));
				statuses.merge(response.statusCode(), 1, Integer::sum);
				String problem = probe.judge(response);
				if (problem != null) {
					wrong.add(probe.name() + ": " + problem);
				}
			}
			System.out.println("bad input: " + probes.size() + " requests, answered " + statuses);
			assertThat(wrong).as("bad input answered as it should be").isEmpty();
			assertThat(probes.size()).isGreaterThan(200);

			Thread.sleep(2000);
			assertThat(snapshot(ids)).as("nothing changed in the database").isEqualTo(before);
		}
	}

	@Test
	void junkFramesAreAnsweredWithErrorsAndChangeNothing() throws Exception {
		Room room = rooms.open(0, Map.of());
		User guest = rooms.newUser();
		List<String> ids = List.of(room.id(), room.host().id(), guest.id());
		try (SignalSocket host = SignalSocket.open(gateway.baseUrl(), room.id(), room.host().token());
				SignalSocket guestSocket = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
			host.send(Map.of("type", "host-join", "data", Map.of()));
			guestSocket.send(Map.of("type", "join-request", "data", Map.of()));
			guestSocket.await("join-approved", WAIT);
			rooms.join(room, guest);
			guestSocket.await("peer-joined", WAIT);
			Thread.sleep(2000);
			Map<String, String> before = snapshot(ids);

			List<String> junk = List.of("not json", "[]", "42", "null", "{}", "{\"type\": 5}",
					"{\"type\": \"no-such-type\"}", "{\"type\": \"offer\"}",
					"{\"type\": \"offer\", \"to\": \"not-a-uuid\", \"data\": {}}",
					"{\"type\": \"offer\", \"to\": \"" + UUID.randomUUID() + "\", \"data\": {\"sdp\": \"x\"}}",
					"{\"type\": \"media-state-changed\", \"data\": {\"is_muted\": \"yes\"}}",
					"{\"type\": \"media-state-changed\", \"data\": []}",
					"{\"type\": \"approve-join-request\", \"data\": {\"user_id\": \"" + UUID.randomUUID() + "\"}}",
					"{\"type\": \"offer\", \"to\": \"" + room.host().id() + "\", \"data\": {\"sdp\": ",
					"{\"type\": \"offer\", \"to\": \"" + room.host().id() + "\", \"data\": {\"sdp\": \"x\"}, "
							+ "\"type\": \"answer\"}");
			List<String> unanswered = new ArrayList<>();
			for (String frame : junk) {
				guestSocket.sendText(frame);
				List<JsonNode> errors = guestSocket.collect("error", Duration.ofMillis(1500));
				if (errors.size() != 1 || errors.getFirst().get("data").get("message").asString().isBlank()) {
					unanswered.add(frame + " -> " + errors);
				}
			}
			assertThat(unanswered).as("every junk frame answered with one error").isEmpty();
			assertThat(host.collect("offer", Duration.ofSeconds(1))).as("nothing bad is relayed").isEmpty();
			guestSocket.send(Map.of("type", "ping"));
			assertThat(guestSocket.await("pong", WAIT)).as("the socket stays open").isNotNull();

			try {
				guestSocket
					.sendText("{\"type\": \"offer\", \"data\": {\"sdp\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}");
			}
			catch (CompletionException closedWhileSending) {
				// the gateway closed the socket before the whole frame was sent
			}
			// too big (1009), or a protocol error (1002) when the client's fragments add
			// up beyond the gateway's limit; or the connection reset (-1) when the close
			// comes while the client is still sending, as TCP discards it then
			assertThat(guestSocket.awaitClose(WAIT)).as("an oversized message closes the socket").isIn(1002, 1009, -1);
			host.send(Map.of("type", "ping"));
			assertThat(host.await("pong", WAIT)).isNotNull();
			try (SignalSocket binary = SignalSocket.open(gateway.baseUrl(), room.id(), guest.token())) {
				binary.sendBinary(ByteBuffer.wrap(new byte[] { 0, 1, 2, 3 }));
				assertThat(binary.awaitClose(WAIT)).as("binary frames are not part of the protocol").isEqualTo(1003);
			}
			Thread.sleep(1000);
			assertThat(snapshot(ids)).as("nothing changed in the database").isEqualTo(before);
		}
	}

	/**
	 * For a JSON endpoint: malformed JSON, bodies that are not objects, the wrong content
	 * type, an empty object, each field with a wrong type, too long, or out of range, and
	 * an unknown field beside a bad one.
	 * @param fields each field and its kind: string, number, boolean, instant, settings
	 */
	private static void jsonBodies(List<Probe> probes, String method, String path, String token,
			Map<String, String> fields) {
		String endpoint = method + " " + path.replaceAll("[0-9a-f-]{36}", "{id}");
		probes.add(new Probe(endpoint + " malformed", method, path, token, "application/json", "{\"a\": ", true));
		for (String notAnObject : List.of("[]", "\"text\"", "42", "null", "")) {
			probes.add(new Probe(endpoint + " body " + notAnObject, method, path, token, "application/json",
					notAnObject, true));
		}
		probes.add(new Probe(endpoint + " as text", method, path, token, "text/plain", json(valid(fields)), true));
		probes.add(new Probe(endpoint + " as a form", method, path, token, "application/x-www-form-urlencoded", "a=b",
				true));
		probes.add(new Probe(endpoint + " empty object", method, path, token, "application/json", "{}", true)
			.allowingSuccessWhenNothingIsRequired(fields));
		probes.add(new Probe(endpoint + " over the body limit", method, path, token, "application/json",
				json(Map.of("padding", "x".repeat(4 * 1024 * 1024))), true));
		probes.add(new Probe(endpoint + " duplicate field", method, path, token, "application/json",
				"{\"" + fields.keySet().iterator().next() + "\": 1, \"" + fields.keySet().iterator().next() + "\": 2}",
				true));
		fields.forEach((field, kind) -> {
			for (Object wrong : wrongValues(kind)) {
				Map<String, Object> body = valid(fields);
				body.put(field, wrong);
				body.put("id", UUID.randomUUID().toString());
				body.put("host_id", UUID.randomUUID().toString());
				probes.add(new Probe(endpoint + " " + field + "=" + shorten(wrong), method, path, token,
						"application/json", json(body), true));
			}
		});
	}

	private static List<Object> wrongValues(String kind) {
		return switch (kind) {
			case "string" -> List.of(123, true, Map.of("a", 1), List.of("a"), LONG, "\u0000");
			case "number" -> List.of("many", -1, 0, 1_000_000_000, Long.MAX_VALUE, 1.5, Map.of());
			case "boolean" -> List.of("yes", 1, Map.of(), List.of());
			case "instant" -> List.of("yesterday", "2001-01-01T00:00:00Z", 42, "2100-13-45T99:99:99Z");
			case "settings" -> List.of("on", List.of(), Map.of("allow_chat", "yes"),
					Map.of("empty_timeout_seconds", -5), Map.of("empty_timeout_seconds", 1 << 30));
			default -> throw new IllegalArgumentException(kind);
		};
	}

	/**
	 * A body every field of which is valid but one that cannot pass anywhere (a blank
	 * title, a code no meeting has): each probe makes one field wrong on top.
	 */
	private static Map<String, Object> valid(Map<String, String> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		fields.forEach((field, kind) -> body.put(field, switch (kind) {
			case "string" -> "";
			case "number" -> 10;
			case "boolean" -> true;
			case "instant" -> "2100-01-01T00:00:00Z";
			case "settings" -> Map.of("allow_chat", true);
			default -> throw new IllegalArgumentException(kind);
		}));
		return body;
	}

	/** Spread over several users, each under the per-user rate limit. */
	private static void notUuids(List<Probe> probes, List<User> users, Room room, String recording) {
		String meeting = "/api/meetings/" + room.id();
		for (String bad : List.of("not-a-uuid", "1-2-3-4-5", "%00", "x".repeat(2000), "..%2F..%2Fetc")) {
			List<String[]> paths = List.of(new String[] { "GET", "/api/users/" + bad },
					new String[] { "GET", "/api/users/" + bad + "/avatar" },
					new String[] { "GET", "/api/meetings/" + bad },
					new String[] { "POST", "/api/meetings/" + bad + "/leave" },
					new String[] { "POST", "/api/meetings/" + bad + "/end" },
					new String[] { "GET", "/api/meetings/" + bad + "/participants" },
					new String[] { "POST", meeting + "/participants/" + bad + "/mute" },
					new String[] { "POST", meeting + "/participants/" + bad + "/remove" },
					new String[] { "POST", meeting + "/participants/" + bad + "/admit" },
					new String[] { "POST", meeting + "/participants/" + bad + "/deny" },
					new String[] { "GET", "/api/meetings/" + bad + "/messages" },
					new String[] { "GET", meeting + "/files/" + bad },
					new String[] { "GET", "/api/meetings/" + bad + "/events" },
					new String[] { "POST", "/api/meetings/" + bad + "/recordings" },
					new String[] { "GET", "/api/meetings/" + bad + "/recordings" },
					new String[] { "GET", "/api/recordings/" + bad },
					new String[] { "GET", "/api/recordings/" + bad + "/media" },
					new String[] { "POST", "/api/recordings/" + bad + "/stop" },
					new String[] { "DELETE", "/api/recordings/" + bad },
					new String[] { "PUT", "/api/recordings/" + bad + "/chunks/0" },
					new String[] { "PUT", "/api/recordings/" + recording + "/chunks/" + bad });
			for (String[] path : paths) {
				User user = users.get(probes.size() % users.size());
				probes.add(new Probe(path[0] + " " + path[1].replace(bad, "{" + shorten(bad) + "}"), path[0], path[1],
						user.token(), path[0].equals("GET") || path[0].equals("DELETE") ? null : "application/json",
						path[0].equals("GET") || path[0].equals("DELETE") ? null : "{}", true));
			}
		}
	}

	private static void queries(List<Probe> probes, User host, User guest, Room room) {
		String meeting = "/api/meetings/" + room.id();
		for (String query : List.of("limit=0", "limit=101", "limit=-1", "limit=abc", "limit=99999999999999999999",
				"before=not-a-uuid")) {
			probes.add(new Probe("GET messages?" + query, "GET", meeting + "/messages?" + query, guest.token(), null,
					null, true));
			probes.add(new Probe("GET meetings?" + query, "GET", "/api/meetings?" + query, host.token(), null, null,
					true));
		}
		// a message cursor must name a message of the meeting
		probes.add(new Probe("GET messages?before=an unknown message", "GET",
				meeting + "/messages?before=" + UUID.randomUUID(), guest.token(), null, null, true));
		probes.add(new Probe("GET participants?include=all", "GET", meeting + "/participants?include=all", host.token(),
				null, null, true));
		probes.add(new Probe("GET code too long", "GET", "/api/meetings/code/" + "a".repeat(500), host.token(), null,
				null, true));
		probes.add(new Probe("GET /ws with a bad meeting_id", "GET", "/ws?meeting_id=not-a-uuid", host.token(), null,
				null, true));
		probes.add(new Probe("GET /ws without a meeting_id", "GET", "/ws", host.token(), null, null, true));
	}

	private static void multiparts(List<Probe> probes, User outsider, User guest, Room room) {
		String files = "/api/meetings/" + room.id() + "/files";
		for (String[] upload : List.of(new String[] { "PUT", "/api/auth/me/avatar", outsider.token() },
				new String[] { "POST", files, guest.token() })) {
			probes.add(
					new Probe(upload[1] + " as JSON", upload[0], upload[1], upload[2], "application/json", "{}", true));
			probes.add(new Probe(upload[1] + " without a boundary", upload[0], upload[1], upload[2],
					"multipart/form-data", "junk", true));
			probes.add(new Probe(upload[1] + " without the file part", upload[0], upload[1], upload[2],
					"multipart/form-data; boundary=b",
					"--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n", true));
			probes.add(new Probe(upload[1] + " cut short", upload[0], upload[1], upload[2],
					"multipart/form-data; boundary=b",
					"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nx", true));
		}
		probes.add(new Probe("avatar that is not an image", "PUT", "/api/auth/me/avatar", outsider.token(),
				"multipart/form-data; boundary=b",
				"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
						+ "Content-Type: image/png\r\n\r\nnot an image\r\n--b--\r\n",
				true));
	}

	private static void ranges(List<Probe> probes, User guest, String recording) {
		String media = "/api/recordings/" + recording + "/media";
		for (String range : List.of("bytes=abc", "bytes=5-2", "bytes=99999999999-", "items=0-1", "bytes=0-1,2-3,4-5",
				"bytes=-0", "bytes=--1", "bytes=0-99999999999999999999", "bytes=" + "0-1,".repeat(500) + "0-1")) {
			probes.add(new Probe("media Range " + shorten(range), "GET", media, guest.token(), null, null, false)
				.withHeader("Range", range));
		}
		probes.add(new Probe("media If-Range junk", "GET", media, guest.token(), null, null, false)
			.withHeader("Range", "bytes=0-1")
			.withHeader("If-Range", "\"junk"));
	}

	private static void chunks(List<Probe> probes, User host, String recording) {
		String chunk = "/api/recordings/" + recording + "/chunks/";
		for (String seq : List.of("-1", "abc", "1.5", "99999999999999999999", "2147483647")) {
			probes.add(new Probe("PUT chunk " + seq, "PUT", chunk + seq, host.token(), "video/webm", "data", true));
		}
		probes.add(new Probe("PUT chunk of a finished recording", "PUT", chunk + "1", host.token(), "video/webm",
				"data", true));
		probes.add(new Probe("PUT chunk as JSON", "PUT", chunk + "1", host.token(), "application/json", "{}", true));
	}

	/** A recording of the room, one chunk long, stopped and ready. */
	private static String readyRecording(Room room) {
		HttpResponse<String> started = gateway.post("/api/meetings/" + room.id() + "/recordings", room.host().token(),
				Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
		String id = Gateway.json(started).get("id").asString();
		HttpResponse<String> chunk = gateway
			.send(gateway.request("/api/recordings/" + id + "/chunks/0", room.host().token())
				.header("Content-Type", "video/webm")
				.PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[64 * 1024]))
				.build());
		assertThat(chunk.statusCode()).as(chunk.body()).isEqualTo(204);
		HttpResponse<String> stopped = gateway.post("/api/recordings/" + id + "/stop", room.host().token(), Map.of());
		assertThat(Gateway.json(stopped).get("status").asString()).isEqualTo("ready");
		return id;
	}

	/**
	 * Every row of every service's tables that names one of the ids (as its id, or as the
	 * meeting, user, host or recording it belongs to), as text, by table; and every row
	 * of tables that name none of them. The outbox and the record of applied events are
	 * left out: other tests' events go on flowing.
	 */
	private static Map<String, String> snapshot(List<String> ids) throws SQLException {
		PostgresServer postgres = stack.infrastructure().postgres();
		Map<String, String> rows = new TreeMap<>();
		try (Connection connection = postgres.superuserConnection(PostgresServer.DATABASE)) {
			Map<String, List<String>> columns = new TreeMap<>();
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT table_schema || '.' || table_name, column_name FROM information_schema.columns "
							+ "WHERE table_schema IN ('auth', 'meeting', 'chat', 'recording') "
							+ "AND table_name NOT IN ('event_publication', 'applied_events', 'flyway_schema_history')");
					ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					columns.computeIfAbsent(result.getString(1), (table) -> new ArrayList<>()).add(result.getString(2));
				}
			}
			for (Map.Entry<String, List<String>> table : columns.entrySet()) {
				List<String> naming = table.getValue()
					.stream()
					.filter(List.of("id", "meeting_id", "user_id", "host_id", "recording_id", "started_by")::contains)
					.map((column) -> column + "::text = ANY(?)")
					.toList();
				String where = naming.isEmpty() ? "" : " WHERE " + String.join(" OR ", naming);
				try (PreparedStatement statement = connection.prepareStatement("SELECT coalesce(string_agg(t::text, "
						+ "E'\\n' ORDER BY t::text), '') FROM " + table.getKey() + " t" + where)) {
					for (int parameter = 1; parameter <= naming.size(); parameter++) {
						statement.setArray(parameter, connection.createArrayOf("text", ids.toArray()));
					}
					try (ResultSet result = statement.executeQuery()) {
						result.next();
						rows.put(table.getKey(), result.getString(1));
					}
				}
			}
		}
		return rows;
	}

	private static String json(Object body) {
		return Gateway.JSON.writeValueAsString(body);
	}

	private static String shorten(Object value) {
		String text = String.valueOf(value);
		return (text.length() > 24) ? text.substring(0, 12) + "…(" + text.length() + ")" : text;
	}

	/**
	 * One bad request.
	 *
	 * @param rejected whether it must be refused (4xx); otherwise it may also succeed, as
	 * a {@code Range} the server ignores does
	 */
	private record Probe(String name, String method, String path, String token, String contentType, String body,
			boolean rejected, Map<String, String> headers, boolean successAllowed) {

		Probe(String name, String method, String path, String token, String contentType, String body,
				boolean rejected) {
			this(name, method, path, token, contentType, body, rejected, Map.of(), false);
		}

		Probe withHeader(String header, String value) {
			Map<String, String> more = new LinkedHashMap<>(this.headers);
			more.put(header, value);
			return new Probe(this.name, this.method, this.path, this.token, this.contentType, this.body, this.rejected,
					more, this.successAllowed);
		}

		/**
		 * An empty object is fine for an endpoint none of whose fields is required (a
		 * partial update with nothing to change).
		 */
		Probe allowingSuccessWhenNothingIsRequired(Map<String, String> fields) {
			boolean optionalOnly = this.path.endsWith("/participants/me")
					|| (this.method.equals("PATCH") && this.path.matches("/api/meetings/[0-9a-f-]{36}"));
			return new Probe(this.name, this.method, this.path, this.token, this.contentType, this.body, this.rejected,
					this.headers, optionalOnly);
		}

		HttpRequest request(Gateway gateway) {
			HttpRequest.Builder request = gateway.request(this.path, this.token);
			if (this.contentType != null) {
				request.header("Content-Type", this.contentType);
			}
			this.headers.forEach(request::header);
			request.method(this.method, (this.body != null) ? HttpRequest.BodyPublishers.ofString(this.body)
					: HttpRequest.BodyPublishers.noBody());
			return request.build();
		}

		/** What is wrong with the answer, or null when nothing is. */
		String judge(HttpResponse<String> response) {
			int status = response.statusCode();
			if (status >= 500) {
				return status + " " + response.body();
			}
			if (status >= 400
					&& !response.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")) {
				return status + " without problem+json: " + response.headers().firstValue("Content-Type");
			}
			if (this.rejected && !this.successAllowed && status < 400) {
				return "accepted (" + status + "): " + response.body();
			}
			return null;
		}

	}

}
