package app.meet.auth.account;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A registration whose password is not its email, the email's local part or its username,
 * whatever the case (OWASP ASVS 5.0, V6.2); reported on the {@code password} field.
 */
@Documented
@Constraint(validatedBy = PasswordUnlikeIdentity.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface PasswordUnlikeIdentity {

	String message() default "must not be your email or username";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PasswordUnlikeIdentity, AccountRequests.Register> {

		@Override
		public boolean isValid(AccountRequests.Register register, ConstraintValidatorContext context) {
			String password = register.password();
			if (password == null || !(sameAs(password, register.email())
					|| sameAs(password, localPart(register.email())) || sameAs(password, register.username()))) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
				.addPropertyNode("password")
				.addConstraintViolation();
			return false;
		}

		private static boolean sameAs(String password, String identity) {
			return identity != null && password.strip().equalsIgnoreCase(identity.strip());
		}

		private static String localPart(String email) {
			return (email != null && email.indexOf('@') > 0) ? email.substring(0, email.lastIndexOf('@')) : null;
		}

	}

}
