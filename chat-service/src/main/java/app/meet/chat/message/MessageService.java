package app.meet.chat.message;

import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import app.meet.chat.membership.MeetingView;
import app.meet.chat.membership.Membership;
import app.meet.chat.stream.StreamEvent;
import app.meet.chat.stream.StreamLog;
import app.meet.platform.membership.MemberView;
import app.meet.platform.users.UserDirectory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages: posted by active participants, shared as files, or written by the system when
 * something happens in the meeting. Each one is stored, numbered in the meeting's live
 * stream as a {@code chat_message} and announced on {@code chat.events}, all in one
 * transaction.
 */
@Service
public class MessageService {

	private final Membership membership;

	private final MessageRepository messages;

	private final StreamLog stream;

	private final UserDirectory users;

	private final AttachmentStore attachments;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	MessageService(Membership membership, MessageRepository messages, StreamLog stream, UserDirectory users,
			AttachmentStore attachments, ApplicationEventPublisher events, TransactionTemplate transactions,
			Clock clock) {
		this.membership = membership;
		this.messages = messages;
		this.stream = stream;
		this.users = users;
		this.attachments = attachments;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Posts a text message.
	 * @param content already trimmed, 1-4000 characters
	 * @throws app.meet.platform.membership.NotAParticipantException unless the user is
	 * active
	 * @throws ChatDisabledException for a guest while chat is off
	 */
	MessageResponse post(UUID meetingId, UUID userId, String content) {
		requireMayWrite(meetingId, userId);
		return this.transactions.execute((status) -> create(meetingId, userId, MessageResponse.TEXT, content, null));
	}

	/**
	 * Shares a file: streamed into the object store, then announced as a {@code file}
	 * message; the stored object is removed again if the message cannot be.
	 */
	MessageResponse share(UUID meetingId, UUID userId, String name, String contentType, long size, InputStream content)
			throws Exception {
		requireMayWrite(meetingId, userId);
		UUID id = UUID.randomUUID();
		MessageRepository.Attachment attachment = new MessageRepository.Attachment(id, meetingId, name, size,
				contentType, "meetings/" + meetingId + "/" + id);
		this.attachments.put(attachment.objectKey(), content, size, contentType);
		try {
			return this.transactions.execute((status) -> {
				this.messages.insertAttachment(attachment, userId, Timestamp.from(this.clock.instant()));
				return create(meetingId, userId, MessageResponse.FILE, name, attachment);
			});
		}
		catch (RuntimeException ex) {
			this.attachments.removeQuietly(attachment.objectKey());
			throw ex;
		}
	}

	/**
	 * Writes a system message about {@code aboutUserId} in the caller's transaction,
	 * which applies the event it tells of.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public MessageResponse system(UUID meetingId, UUID aboutUserId, String content) {
		this.users.ensureKnown(aboutUserId);
		return create(meetingId, aboutUserId, MessageResponse.SYSTEM, content, null);
	}

	/**
	 * The newest {@code limit} messages before the given one (or the newest of all),
	 * oldest first.
	 * @throws InvalidMessageException when {@code before} is not a message of the meeting
	 */
	Page history(UUID meetingId, UUID userId, UUID before, int limit) {
		this.membership.requireParticipant(meetingId, userId);
		long beforeSeq = (before != null)
				? this.messages.seqOf(meetingId, before)
					.orElseThrow(() -> new InvalidMessageException("before", "is not a message of this meeting"))
				: Long.MAX_VALUE;
		List<MessageResponse> newestFirst = this.messages.newestBefore(meetingId, beforeSeq, limit + 1);
		boolean more = newestFirst.size() > limit;
		List<MessageResponse> page = newestFirst.subList(0, Math.min(limit, newestFirst.size())).reversed();
		return new Page(page, more);
	}

	/** An attachment of the meeting, for a current or past participant. */
	Download download(UUID meetingId, UUID userId, UUID attachmentId) throws Exception {
		this.membership.requireParticipant(meetingId, userId);
		MessageRepository.Attachment attachment = this.messages.attachment(meetingId, attachmentId)
			.orElseThrow(AttachmentNotFoundException::new);
		return new Download(attachment, this.attachments.get(attachment.objectKey()));
	}

	private void requireMayWrite(UUID meetingId, UUID userId) {
		MeetingView meeting = this.membership.requireMeeting(meetingId);
		MemberView member = this.membership.requireActive(meetingId, userId);
		if (!meeting.allowChat() && member.guest()) {
			throw new ChatDisabledException();
		}
	}

	/**
	 * Stores the message and its outbox event, then its stream event, which locks the
	 * meeting until commit: the message's number is its stream event's, so history and
	 * stream agree on order.
	 */
	private MessageResponse create(UUID meetingId, UUID userId, String type, String content,
			MessageRepository.Attachment attachment) {
		Instant now = this.clock.instant();
		MessageResponse message = new MessageResponse(UUID.randomUUID(), meetingId, this.users.findOrUnknown(userId),
				type, content, (attachment != null) ? attachment.response() : null, now);
		this.events.publishEvent(new ChatEvents.MessageCreated(message));
		long seq = this.stream.append(meetingId, StreamEvent.CHAT_MESSAGE, null, message).seq();
		this.messages.insert(message.id(), meetingId, seq, userId, type, content,
				(attachment != null) ? attachment.id() : null, Timestamp.from(now));
		return message;
	}

	record Page(List<MessageResponse> messages, boolean more) {
	}

	record Download(MessageRepository.Attachment attachment, InputStream content) {
	}

}
