package app.meet.auth.account;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** What clients send to the account endpoints; unknown members are ignored. */
final class AccountRequests {

	static final String USERNAME_PATTERN = "[A-Za-z0-9_.-]{3,30}";

	private AccountRequests() {
	}

	@PasswordUnlikeIdentity
	record Register(@NotBlank @Email @Size(max = 254) @Schema(example = "ann@example.com") String email,
			@NotNull @Pattern(regexp = USERNAME_PATTERN,
					message = "must be 3 to 30 letters, digits, '_', '.' or '-'") @Schema(
							example = "ann") String username,
			@NotNull @Password @Schema(example = "correct horse battery") String password,
			@NotBlank @Size(max = 100) @Schema(example = "Ann Lee") String name) {
	}

	record Login(@Email @Size(max = 254) @Schema(example = "ann@example.com") @Nullable String email,
			@Size(max = 254) @Nullable String username,
			@NotNull @Size(max = 200) @Schema(example = "correct horse battery") String password) {

		@AssertTrue(message = "email or username is required")
		boolean isIdentified() {
			return (this.email != null && !this.email.isBlank()) || (this.username != null && !this.username.isBlank());
		}

		String identifier() {
			return (this.email != null && !this.email.isBlank()) ? this.email.strip() : this.username.strip();
		}

	}

	record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
	}

	record Logout(@Size(max = 200) @Nullable String refreshToken) {
	}

	record UpdateProfile(@NotBlank @Size(max = 100) @Schema(example = "Ann Lee") String name) {
	}

}
