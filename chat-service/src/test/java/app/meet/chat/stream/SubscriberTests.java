package app.meet.chat.stream;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriberTests {

	private static final UUID MEETING = UUID.randomUUID();

	private final UUID me = UUID.randomUUID();

	private final UUID other = UUID.randomUUID();

	@Test
	void beforeJoiningOnlyTheEndOfTheMeetingIsDelivered() {
		Subscriber subscriber = new Subscriber(this.me, false, 10);
		assertThat(subscriber.decide(event(1, StreamEvent.CHAT_MESSAGE, null))).isEqualTo(Subscriber.Delivery.SKIP);
		assertThat(subscriber.decide(event(2, StreamEvent.PARTICIPANT_JOINED, this.other)))
			.isEqualTo(Subscriber.Delivery.SKIP);
		assertThat(subscriber.decide(event(3, StreamEvent.MEETING_ENDED, null)))
			.isEqualTo(Subscriber.Delivery.SEND_AND_END);
	}

	@Test
	void fromTheirOwnJoinOnEverythingButThatJoinIsDeliveredUntilTheyLeave() {
		Subscriber subscriber = new Subscriber(this.me, false, 10);
		assertThat(subscriber.decide(event(1, StreamEvent.PARTICIPANT_JOINED, this.me)))
			.isEqualTo(Subscriber.Delivery.SKIP);
		assertThat(subscriber.decide(event(2, StreamEvent.PARTICIPANT_JOINED, this.other)))
			.isEqualTo(Subscriber.Delivery.SEND);
		assertThat(subscriber.decide(event(3, StreamEvent.CHAT_MESSAGE, null))).isEqualTo(Subscriber.Delivery.SEND);
		assertThat(subscriber.decide(event(4, StreamEvent.PARTICIPANT_LEFT, this.other)))
			.isEqualTo(Subscriber.Delivery.SEND);
		assertThat(subscriber.decide(event(5, StreamEvent.PARTICIPANT_LEFT, this.me)))
			.isEqualTo(Subscriber.Delivery.SEND_AND_END);
	}

	@Test
	void aSubscriberTooFarBehindIsEndedAndTakesNothingMore() throws InterruptedException {
		Subscriber subscriber = new Subscriber(this.me, true, 2);
		subscriber.offer(Subscriber.Outgoing.of(event(1, StreamEvent.CHAT_MESSAGE, null)));
		subscriber.offer(Subscriber.Outgoing.of(event(2, StreamEvent.CHAT_MESSAGE, null)));
		assertThat(subscriber.ended()).isFalse();
		subscriber.offer(Subscriber.Outgoing.of(event(3, StreamEvent.CHAT_MESSAGE, null)));
		assertThat(subscriber.ended()).isTrue();
		assertThat(subscriber.next(Duration.ZERO)).extracting((outgoing) -> outgoing.event().seq())
			.containsExactly(1L, 2L);
	}

	@Test
	void theFrameWrapsTheDataAsTheFrontendReadsIt() {
		assertThat(new String(event(7, StreamEvent.CHAT_MESSAGE, null).frame()))
			.isEqualTo("id: 7\nevent: chat_message\ndata: {\"type\":\"chat_message\",\"data\":{\"n\":7}}\n\n");
	}

	private static StreamEvent event(long seq, String name, UUID about) {
		return new StreamEvent(MEETING, seq, name, about, "{\"n\":" + seq + "}");
	}

}
