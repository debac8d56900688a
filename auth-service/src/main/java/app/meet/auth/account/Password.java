package app.meet.auth.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A password of 8 to 72 bytes in UTF-8: bcrypt reads only 72 bytes, so a longer one is
 * refused rather than silently cut.
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
			return bytes >= 8 && bytes <= 72;
		}

	}

}
