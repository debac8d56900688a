package app.meet.e2e;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating and finding meetings through the gateway. */
@Order(2)
class MeetingEndToEndTests {

	private static Gateway gateway;

	@BeforeAll
	static void stack() {
		gateway = new Gateway(RunningStack.get().gatewayUrl());
	}

	@Test
	void aNewMeetingIsScheduledWithDefaultsAndAReadableCode() {
		JsonNode host = gateway.register();
		String token = host.get("access_token").asString();
		HttpResponse<String> created = gateway.post("/api/meetings", token, Map.of("title", "  Quick Meeting  "));
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode meeting = Gateway.json(created);
		assertThat(meeting.get("title").asString()).isEqualTo("Quick Meeting");
		assertThat(meeting.get("description").asString()).isEmpty();
		assertThat(meeting.get("code").asString()).matches("[a-z]{3}-[a-z]{4}-[a-z]{3}");
		assertThat(meeting.get("status").asString()).isEqualTo("scheduled");
		assertThat(meeting.get("max_users").asInt()).isEqualTo(50);
		assertThat(meeting.get("participant_count").asInt()).isZero();
		assertThat(meeting.get("is_recording").asBoolean()).isFalse();
		assertThat(meeting.get("host_id")).isEqualTo(host.get("user").get("id"));
		assertThat(meeting.get("host").get("name")).isEqualTo(host.get("user").get("name"));
		assertThat(meeting.get("host").has("email")).isFalse();
		JsonNode settings = meeting.get("settings");
		assertThat(settings.get("allow_chat").asBoolean()).isTrue();
		assertThat(settings.get("allow_screen_share").asBoolean()).isTrue();
		assertThat(settings.get("mute_on_join").asBoolean()).isFalse();
		assertThat(settings.get("video_on_join").asBoolean()).isTrue();
		assertThat(settings.get("waiting_room_enabled").asBoolean()).isTrue();
		assertThat(settings.get("recording_enabled").asBoolean()).isTrue();
		assertThat(settings.get("empty_timeout_seconds").asInt()).isEqualTo(300);
	}

	@Test
	void explicitSettingsAreKeptEvenWhenAllFalse() {
		String token = gateway.register().get("access_token").asString();
		Map<String, Object> settings = Map.of("allow_chat", false, "allow_screen_share", false, "mute_on_join", false,
				"video_on_join", false, "waiting_room_enabled", false, "recording_enabled", false,
				"empty_timeout_seconds", 0);
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", token, Map.of("title", "Quiet", "max_users", 2,
				"scheduled_at", Instant.now().plusSeconds(3600).toString(), "settings", settings)));
		settings.forEach(
				(name, value) -> assertThat(meeting.get("settings").get(name).toString()).isEqualTo(value.toString()));
		assertThat(meeting.get("max_users").asInt()).isEqualTo(2);
		assertThat(meeting.get("scheduled_at").isNull()).isFalse();
	}

	@Test
	void invalidMeetingsAreRefusedNamingEachField() {
		String token = gateway.register().get("access_token").asString();
		HttpResponse<String> response = gateway.post("/api/meetings", token,
				Map.of("title", " ", "description", "d".repeat(2001), "max_users", 1, "scheduled_at",
						Instant.now().minusSeconds(60).toString(), "settings", Map.of("empty_timeout_seconds", -1)));
		assertThat(response.statusCode()).isEqualTo(400);
		List<String> fields = new ArrayList<>();
		Gateway.json(response).get("errors").forEach((error) -> fields.add(error.get("field").asString()));
		assertThat(fields).containsExactlyInAnyOrder("title", "description", "max_users", "scheduled_at",
				"settings.empty_timeout_seconds");
		HttpResponse<String> withNul = gateway.post("/api/meetings", token, Map.of("title", "Stand\u0000up"));
		assertThat(withNul.statusCode()).isEqualTo(400);
		assertThat(Gateway.json(withNul).get("errors").get(0).get("field").asString()).isEqualTo("title");
		assertThat(Gateway.json(gateway.get("/api/meetings", token))).isEmpty();
	}

	@Test
	void aMeetingIsFoundByItsCodeIgnoringCaseDashesAndSpacesByAnySignedInUser() {
		String hostToken = gateway.register().get("access_token").asString();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", hostToken, Map.of("title", "Find me")));
		String code = meeting.get("code").asString();
		String other = gateway.register().get("access_token").asString();
		for (String typed : List.of(code, code.toUpperCase(), code.replace("-", ""), " " + code + " ")) {
			HttpResponse<String> found = gateway.get("/api/meetings/code/" + typed.replace(" ", "%20"), other);
			assertThat(found.statusCode()).as(typed).isEqualTo(200);
			assertThat(Gateway.json(found).get("id")).isEqualTo(meeting.get("id"));
		}
		HttpResponse<String> unknown = gateway.get("/api/meetings/code/zzz-zzzz-zzz", other);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(Gateway.json(unknown).get("code").asString()).isEqualTo("meeting-not-found");
		assertThat(gateway.get("/api/meetings/code/not-a-code", other).statusCode()).isEqualTo(404);
	}

	@Test
	void onlyItsHostSeesAMeetingByIdAndAMalformedIdIsAClearError() {
		String hostToken = gateway.register().get("access_token").asString();
		String id = Gateway.json(gateway.post("/api/meetings", hostToken, Map.of("title", "Mine")))
			.get("id")
			.asString();
		assertThat(gateway.get("/api/meetings/" + id, hostToken).statusCode()).isEqualTo(200);
		String other = gateway.register().get("access_token").asString();
		assertThat(gateway.get("/api/meetings/" + id, other).statusCode()).isEqualTo(404);
		assertThat(gateway.get("/api/meetings/" + UUID.randomUUID(), other).statusCode()).isEqualTo(404);
		HttpResponse<String> malformed = gateway.get("/api/meetings/not-a-uuid", other);
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void myMeetingsComeNewestFirstInPagesLinkedByTheirLastId() {
		String token = gateway.register().get("access_token").asString();
		List<String> created = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			created.add(Gateway.json(gateway.post("/api/meetings", token, Map.of("title", "Meeting " + i)))
				.get("id")
				.asString());
		}
		HttpResponse<String> first = gateway.get("/api/meetings?limit=3", token);
		assertThat(ids(first)).containsExactly(created.get(4), created.get(3), created.get(2));
		String next = first.headers().firstValue("Link").orElseThrow();
		assertThat(next).isEqualTo("</api/meetings?limit=3&before=" + created.get(2) + ">; rel=\"next\"");
		HttpResponse<String> second = gateway.get(next.substring(1, next.indexOf('>')), token);
		assertThat(ids(second)).containsExactly(created.get(1), created.get(0));
		assertThat(second.headers().firstValue("Link")).isEmpty();
		HttpResponse<String> tooFew = gateway.get("/api/meetings?limit=0", token);
		assertThat(tooFew.statusCode()).isEqualTo(400);
		assertThat(Gateway.json(tooFew).get("errors").get(0).get("field").asString()).isEqualTo("limit");
		assertThat(gateway.get("/api/meetings?limit=101", token).statusCode()).isEqualTo(400);
	}

	@Test
	void joiningStartsTheMeetingAndLeavingPassesTheHostRoleOn() {
		JsonNode host = gateway.register();
		String hostToken = host.get("access_token").asString();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", hostToken,
				Map.of("title", "Stand-up", "settings", Map.of("waiting_room_enabled", false))));
		String id = meeting.get("id").asString();
		String code = meeting.get("code").asString();

		HttpResponse<String> hostJoin = gateway.post("/api/meetings/join", hostToken, Map.of("code", code));
		assertThat(hostJoin.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(hostJoin).get("role").asString()).isEqualTo("host");
		JsonNode started = Gateway.json(gateway.get("/api/meetings/" + id, hostToken));
		assertThat(started.get("status").asString()).isEqualTo("active");
		assertThat(started.get("started_at").isNull()).isFalse();

		String firstGuest = gateway.register().get("access_token").asString();
		String secondGuest = gateway.register().get("access_token").asString();
		JsonNode joined = Gateway
			.json(gateway.post("/api/meetings/join", firstGuest, Map.of("code", code.toUpperCase())));
		assertThat(joined.get("role").asString()).isEqualTo("guest");
		assertThat(joined.get("status").asString()).isEqualTo("active");
		assertThat(joined.get("is_video_on").asBoolean()).isTrue();
		JsonNode again = Gateway.json(gateway.post("/api/meetings/join", firstGuest, Map.of("code", code)));
		assertThat(again.get("id")).as("joining again returns the same participant").isEqualTo(joined.get("id"));
		gateway.post("/api/meetings/join", secondGuest, Map.of("code", code));

		assertThat(roles(id, hostToken, "")).containsExactly("host", "guest", "guest");
		assertThat(gateway.post("/api/meetings/" + id + "/leave", hostToken, Map.of()).statusCode()).isEqualTo(200);
		assertThat(roles(id, firstGuest, "")).as("the longest-present guest hosts now")
			.containsExactly("host", "guest");
		assertThat(roles(id, firstGuest, "?include=left")).hasSize(3);
		assertThat(Gateway.json(gateway.get("/api/meetings/" + id, secondGuest)).get("participant_count").asInt())
			.isEqualTo(2);

		HttpResponse<String> back = gateway.post("/api/meetings/join", hostToken, Map.of("code", code));
		assertThat(Gateway.json(back).get("role").asString()).as("the meeting's host comes back as host")
			.isEqualTo("host");
		assertThat(gateway.post("/api/meetings/" + id + "/leave", secondGuest, Map.of()).statusCode()).isEqualTo(200);
		assertThat(gateway.post("/api/meetings/" + id + "/leave", secondGuest, Map.of()).statusCode())
			.as("leaving twice changes nothing")
			.isEqualTo(200);
		String outsider = gateway.register().get("access_token").asString();
		assertThat(gateway.post("/api/meetings/" + id + "/leave", outsider, Map.of()).statusCode()).isEqualTo(404);
		assertThat(gateway.get("/api/meetings/" + id + "/participants", outsider).statusCode()).isEqualTo(404);
	}

	@Test
	void withTheWaitingRoomOnAGuestWhoWasNeverAdmittedCannotJoinByRest() {
		String hostToken = gateway.register().get("access_token").asString();
		String code = Gateway.json(gateway.post("/api/meetings", hostToken, Map.of("title", "Gated")))
			.get("code")
			.asString();
		HttpResponse<String> guest = gateway.post("/api/meetings/join",
				gateway.register().get("access_token").asString(), Map.of("code", code));
		assertThat(guest.statusCode()).isEqualTo(403);
		assertThat(Gateway.json(guest).get("code").asString()).isEqualTo("not-admitted");
		assertThat(gateway.post("/api/meetings/join", hostToken, Map.of("code", code)).statusCode()).isEqualTo(200);
		assertThat(gateway.post("/api/meetings/join", hostToken, Map.of("code", "zzz-zzzz-zzz")).statusCode())
			.isEqualTo(404);
		assertThat(gateway.post("/api/meetings/join", hostToken, Map.of()).statusCode()).isEqualTo(400);
	}

	@Test
	void sixtyUsersJoiningAFiftySeatMeetingAtOnceLeaveExactlyFiftyIn() throws Exception {
		String hostToken = gateway.register().get("access_token").asString();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", hostToken,
				Map.of("title", "Town hall", "max_users", 50, "settings", Map.of("waiting_room_enabled", false))));
		String code = meeting.get("code").asString();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			tokens.add(gateway.register().get("access_token").asString());
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(60);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<HttpResponse<String>>> joins = new ArrayList<>();
			for (String token : tokens) {
				joins.add(pool.submit(() -> {
					start.await();
					return gateway.post("/api/meetings/join", token, Map.of("code", code));
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (var join : joins) {
				HttpResponse<String> response = join.get();
				statuses.add(response.statusCode());
				if (response.statusCode() == 403) {
					assertThat(Gateway.json(response).get("code").asString()).isEqualTo("meeting-full");
				}
			}
			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(50);
			assertThat(statuses).filteredOn((status) -> status == 403).hasSize(10);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(Gateway.json(gateway.get("/api/meetings/" + meeting.get("id").asString(), hostToken))
			.get("participant_count")
			.asInt()).isEqualTo(50);
		HttpResponse<String> hostToo = gateway.post("/api/meetings/join", hostToken, Map.of("code", code));
		assertThat(hostToo.statusCode()).as("the host is refused too when full").isEqualTo(403);
	}

	@Test
	void onlyTheHostUpdatesOrEndsAMeetingAndAnEndedMeetingTakesNoOneIn() {
		String hostToken = gateway.register().get("access_token").asString();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", hostToken,
				Map.of("title", "Review", "settings", Map.of("waiting_room_enabled", false))));
		String id = meeting.get("id").asString();
		String code = meeting.get("code").asString();
		String guest = gateway.register().get("access_token").asString();
		gateway.post("/api/meetings/join", hostToken, Map.of("code", code));
		gateway.post("/api/meetings/join", guest, Map.of("code", code));

		HttpResponse<String> renamed = patch("/api/meetings/" + id, hostToken,
				"{\"title\":\"Design review\",\"settings\":{\"allow_chat\":false}}");
		assertThat(renamed.statusCode()).isEqualTo(200);
		assertThat(Gateway.json(renamed).get("title").asString()).isEqualTo("Design review");
		assertThat(Gateway.json(renamed).get("settings").get("allow_chat").asBoolean()).isFalse();
		assertThat(Gateway.json(renamed).get("settings").get("allow_screen_share").asBoolean()).isTrue();
		assertThat(patch("/api/meetings/" + id, hostToken, "{\"title\":\"  \"}").statusCode()).isEqualTo(400);
		HttpResponse<String> byGuest = patch("/api/meetings/" + id, guest, "{\"title\":\"Mine now\"}");
		assertThat(byGuest.statusCode()).isEqualTo(403);
		assertThat(Gateway.json(byGuest).get("code").asString()).isEqualTo("not-host");

		HttpResponse<String> endByGuest = gateway.post("/api/meetings/" + id + "/end", guest, Map.of());
		assertThat(endByGuest.statusCode()).isEqualTo(403);
		assertThat(Gateway.json(endByGuest).get("code").asString()).isEqualTo("not-host");
		assertThat(gateway.post("/api/meetings/" + id + "/end", hostToken, Map.of()).statusCode()).isEqualTo(200);

		JsonNode ended = Gateway.json(gateway.get("/api/meetings/" + id, hostToken));
		assertThat(ended.get("status").asString()).isEqualTo("ended");
		assertThat(ended.get("ended_at").isNull()).isFalse();
		assertThat(ended.get("participant_count").asInt()).isZero();
		assertThat(roles(id, hostToken, "")).isEmpty();
		HttpResponse<String> rejoin = gateway.post("/api/meetings/join", guest, Map.of("code", code));
		assertThat(rejoin.statusCode()).isEqualTo(410);
		assertThat(Gateway.json(rejoin).get("code").asString()).isEqualTo("meeting-ended");
		HttpResponse<String> late = patch("/api/meetings/" + id, hostToken, "{\"title\":\"Too late\"}");
		assertThat(late.statusCode()).isEqualTo(409);
		assertThat(Gateway.json(late).get("code").asString()).isEqualTo("meeting-ended");
	}

	@Test
	void aParticipantSetsTheirOwnMediaStateAndRaisesTheirHand() {
		String hostToken = gateway.register().get("access_token").asString();
		JsonNode meeting = Gateway.json(gateway.post("/api/meetings", hostToken, Map.of("title", "Hands")));
		String id = meeting.get("id").asString();
		gateway.post("/api/meetings/join", hostToken, Map.of("code", meeting.get("code").asString()));
		HttpResponse<String> updated = patch("/api/meetings/" + id + "/participants/me", hostToken,
				"{\"is_muted\":true,\"hand_raised\":true}");
		assertThat(updated.statusCode()).isEqualTo(200);
		JsonNode me = Gateway.json(updated);
		assertThat(me.get("is_muted").asBoolean()).isTrue();
		assertThat(me.get("hand_raised").asBoolean()).isTrue();
		assertThat(me.get("is_video_on").asBoolean()).as("untouched").isTrue();
		assertThat(patch("/api/meetings/" + id + "/participants/me", hostToken, "{\"is_muted\":\"loud\"}").statusCode())
			.isEqualTo(400);
		gateway.post("/api/meetings/" + id + "/leave", hostToken, Map.of());
		HttpResponse<String> afterLeaving = patch("/api/meetings/" + id + "/participants/me", hostToken,
				"{\"is_muted\":false}");
		assertThat(afterLeaving.statusCode()).isEqualTo(403);
		assertThat(Gateway.json(afterLeaving).get("code").asString()).isEqualTo("not-a-participant");
	}

	@Test
	void aNewNameFromAuthServiceReachesTheMeetingsThatShowItsUser() throws InterruptedException {
		JsonNode host = gateway.register();
		String token = host.get("access_token").asString();
		String id = Gateway.json(gateway.post("/api/meetings", token, Map.of("title", "Renamed host")))
			.get("id")
			.asString();
		assertThat(patch("/api/auth/me", token, "{\"name\":\"Grace Hopper\"}").statusCode()).isEqualTo(200);
		java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
		while (!Gateway.json(gateway.get("/api/meetings/" + id, token))
			.get("host")
			.get("name")
			.asString()
			.equals("Grace Hopper")) {
			assertThat(java.time.Instant.now()).as("meet.user.updated applied").isBefore(deadline);
			Thread.sleep(200);
		}
	}

	private static HttpResponse<String> patch(String path, String token, String json) {
		return gateway.send(gateway.request(path, token)
			.header("Content-Type", "application/json")
			.method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static List<String> roles(String meetingId, String token, String query) {
		HttpResponse<String> response = gateway.get("/api/meetings/" + meetingId + "/participants" + query, token);
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> roles = new ArrayList<>();
		Gateway.json(response).forEach((participant) -> roles.add(participant.get("role").asString()));
		return roles;
	}

	private static List<String> ids(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		Gateway.json(response).forEach((meeting) -> ids.add(meeting.get("id").asString()));
		return ids;
	}

}
