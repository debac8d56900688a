package app.meet.signaling.protocol;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ClientMessagesTests {

	private final ClientMessages messages = new ClientMessages(JsonMapper.builder().build());

	private final UUID peer = UUID.randomUUID();

	@Test
	void signalsNeedARecipientAndDataAndIgnoreAClaimedSender() {
		ClientMessage offer = this.messages.read("{\"type\":\"offer\",\"to\":\"" + this.peer + "\",\"from\":\""
				+ UUID.randomUUID() + "\",\"data\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}}");
		assertThat(offer).isInstanceOfSatisfying(ClientMessage.Offer.class, (read) -> {
			assertThat(read.to()).isEqualTo(this.peer);
			assertThat(read.data().get("sdp").asString()).isEqualTo("v=0\r\n");
		});
		assertThat(this.messages.read("{\"type\":\"answer\",\"to\":\"" + this.peer + "\",\"data\":{}}"))
			.isInstanceOf(ClientMessage.Answer.class);
		assertThat(this.messages.read("{\"type\":\"ice-candidate\",\"to\":\"" + this.peer + "\",\"data\":{}}"))
			.isInstanceOf(ClientMessage.IceCandidate.class);
		assertThat(this.messages.read("{\"type\":\"offer\",\"data\":{}}"))
			.isEqualTo(new ClientMessage.Invalid("Recipient is required for signaling messages"));
		assertThat(this.messages.read("{\"type\":\"offer\",\"to\":\"not-a-uuid\",\"data\":{}}"))
			.isInstanceOf(ClientMessage.Invalid.class);
		assertThat(this.messages.read("{\"type\":\"offer\",\"to\":\"" + this.peer + "\",\"data\":\"sdp\"}"))
			.isEqualTo(new ClientMessage.Invalid("Signaling messages need data"));
	}

	@Test
	void theApprovalFlowsMessagesAreRead() {
		assertThat(this.messages.read("{\"type\":\"host-join\",\"data\":{}}")).isEqualTo(new ClientMessage.HostJoin());
		assertThat(this.messages.read("{\"type\":\"join-request\",\"data\":{\"host_user_id\":\"" + this.peer
				+ "\",\"email\":\"ann@example.com\"}}"))
			.isEqualTo(new ClientMessage.JoinRequest());
		assertThat(
				this.messages.read("{\"type\":\"approve-join-request\",\"data\":{\"user_id\":\"" + this.peer + "\"}}"))
			.isEqualTo(new ClientMessage.Decision(this.peer, true));
		assertThat(
				this.messages.read("{\"type\":\"reject-join-request\",\"data\":{\"user_id\":\"" + this.peer + "\"}}"))
			.isEqualTo(new ClientMessage.Decision(this.peer, false));
		assertThat(this.messages.read("{\"type\":\"approve-join-request\",\"data\":{}}"))
			.isInstanceOf(ClientMessage.Invalid.class);
	}

	@Test
	void mediaStateNeedsBothFlags() {
		assertThat(this.messages
			.read("{\"type\":\"media-state-changed\",\"data\":{\"is_muted\":true,\"is_video_on\":false}}"))
			.isEqualTo(new ClientMessage.MediaStateChanged(true, false));
		assertThat(this.messages.read("{\"type\":\"media-state-changed\",\"data\":{\"is_muted\":true}}"))
			.isInstanceOf(ClientMessage.Invalid.class);
		assertThat(this.messages
			.read("{\"type\":\"media-state-changed\",\"data\":{\"is_muted\":\"yes\",\"is_video_on\":true}}"))
			.isInstanceOf(ClientMessage.Invalid.class);
	}

	@Test
	void anythingElseIsInvalidWithAReason() {
		assertThat(this.messages.read("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
		assertThat(this.messages.read("{\"type\":\"join\"}"))
			.isEqualTo(new ClientMessage.Invalid("Unknown message type"));
		assertThat(this.messages.read("not json")).isEqualTo(new ClientMessage.Invalid("Invalid message format"));
		assertThat(this.messages.read("[1,2]")).isEqualTo(new ClientMessage.Invalid("A message needs a type"));
		assertThat(this.messages.read("{\"type\":7}")).isEqualTo(new ClientMessage.Invalid("A message needs a type"));
	}

}
