package app.meet.auth.account;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import app.meet.auth.token.InvalidRefreshTokenException;
import app.meet.auth.token.IssuedTokens;
import app.meet.auth.token.TokenService;
import app.meet.auth.token.TokenSubject;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: registration, login, refresh and the profile. */
@Service
public class AccountService {

	private final UserRepository users;

	private final TokenService tokens;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** Checked against when the account does not exist, so both failures take as long. */
	private final String unknownUserHash;

	AccountService(UserRepository users, TokenService tokens, PasswordEncoder passwords, LoginThrottle throttle,
			ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.tokens = tokens;
		this.passwords = passwords;
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
		this.unknownUserHash = passwords.encode(UUID.randomUUID().toString());
	}

	@Transactional
	AuthResponse register(AccountRequests.Register request) {
		if (this.users.emailExists(request.email())) {
			throw new EmailTakenException();
		}
		if (this.users.usernameExists(request.username())) {
			throw new UsernameTakenException();
		}
		Instant now = this.clock.instant();
		User user = new User(UUID.randomUUID(), request.email().strip(), request.username(), request.name().strip(),
				this.passwords.encode(request.password()), null, null, now, now);
		this.users.insert(user);
		this.events.publishEvent(UserEvents.UserRegistered.of(user));
		return AuthResponse.of(user, this.tokens.issue(subject(user)), now);
	}

	/**
	 * Logs in by email or username. An unknown account and a wrong password fail alike,
	 * in about the same time.
	 */
	@Transactional
	AuthResponse login(AccountRequests.Login request, String clientAddress) {
		String identifier = request.identifier();
		User user = (identifier.contains("@") ? this.users.findByEmail(identifier)
				: this.users.findByUsername(identifier))
			.orElse(null);
		String account = (user != null) ? LoginThrottle.account(user.id()) : LoginThrottle.unknownAccount(identifier);
		this.throttle.checkAllowed(account, clientAddress);
		boolean matches = this.passwords.matches(request.password(),
				(user != null) ? user.passwordHash() : this.unknownUserHash);
		if (user == null || !matches) {
			this.throttle.recordFailure(account, clientAddress);
			throw new InvalidCredentialsException();
		}
		this.throttle.recordSuccess(account, clientAddress);
		return AuthResponse.of(user, this.tokens.issue(subject(user)), this.clock.instant());
	}

	/**
	 * A refused token's revocation of its family must stick, so that failure does not
	 * roll back.
	 */
	@Transactional(noRollbackFor = InvalidRefreshTokenException.class)
	AuthResponse refresh(String refreshToken) {
		IssuedTokens issued = this.tokens.refresh(refreshToken, (userId) -> subject(require(userId)));
		return AuthResponse.of(require(issued.userId()), issued, this.clock.instant());
	}

	User require(UUID userId) {
		return this.users.findById(userId).orElseThrow(UserNotFoundException::new);
	}

	/**
	 * The signed-in user.
	 * @throws AccountGoneException when the token's account no longer exists
	 */
	public User current(UUID userId) {
		return this.users.findById(userId).orElseThrow(AccountGoneException::new);
	}

	@Transactional
	User rename(UUID userId, String name) {
		User renamed = current(userId).withName(name.strip(), this.clock.instant());
		this.users.updateName(renamed);
		this.events.publishEvent(UserEvents.UserUpdated.of(renamed));
		return renamed;
	}

	/** Records a new avatar and tells the others. */
	@Transactional
	public User changeAvatar(UUID userId, String object, String contentType) {
		User changed = current(userId).withAvatar(object, contentType, this.clock.instant());
		this.users.updateAvatar(changed);
		this.events.publishEvent(UserEvents.UserUpdated.of(changed));
		return changed;
	}

	private static TokenSubject subject(User user) {
		return new TokenSubject(user.id(), user.username(), user.name(), user.email());
	}

}
