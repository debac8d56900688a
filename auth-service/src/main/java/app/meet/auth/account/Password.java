package app.meet.auth.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A password of 8 to 72 bytes in UTF-8 that is not among the 10,000 most common ones
 * (OWASP ASVS 5.0, V6.2): bcrypt reads only 72 bytes, so a longer one is refused rather
 * than silently cut.
 */
@Documented
@Constraint(validatedBy = Password.Validator.class)
@Target({ ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface Password {

	String message() default "must be 8 to 72 bytes long";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<Password, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			int bytes = value.getBytes(StandardCharsets.UTF_8).length;
			if (bytes < 8 || bytes > 72) {
				return false;
			}
			if (CommonPasswords.contains(value)) {
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate("is one of the most common passwords; choose another")
					.addConstraintViolation();
				return false;
			}
			return true;
		}

	}

	/**
	 * The 10,000 most common passwords of the SecLists project (CC BY-SA 3.0), compared
	 * without regard to case.
	 */
	final class CommonPasswords {

		private static final Set<String> PASSWORDS = load("/passwords/common-10k.txt");

		private CommonPasswords() {
		}

		static boolean contains(String password) {
			return PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
		}

		private static Set<String> load(String resource) {
			try (InputStream in = Password.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("Missing " + resource);
				}
				return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
					.map((line) -> line.toLowerCase(Locale.ROOT))
					.collect(Collectors.toUnmodifiableSet());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
