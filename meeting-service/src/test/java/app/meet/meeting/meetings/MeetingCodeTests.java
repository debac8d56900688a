package app.meet.meeting.meetings;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeetingCodeTests {

	@Test
	void aNewCodeIsTenLowerCaseLettersShownInThreeGroups() {
		String code = MeetingCode.generate();

		assertThat(code).matches("[a-z]{10}");
		assertThat(MeetingCode.display(code)).matches("[a-z]{3}-[a-z]{4}-[a-z]{3}")
			.isEqualTo(code.substring(0, 3) + "-" + code.substring(3, 7) + "-" + code.substring(7));
	}

	@Test
	void aCodeIsFoundHoweverItIsTyped() {
		assertThat(MeetingCode.normalize("abc-defg-hij")).contains("abcdefghij");
		assertThat(MeetingCode.normalize("ABCDEFGHIJ")).contains("abcdefghij");
		assertThat(MeetingCode.normalize(" abc defg\thij ")).contains("abcdefghij");
		assertThat(MeetingCode.normalize(MeetingCode.display("qwertyuiop"))).contains("qwertyuiop");
	}

	@Test
	void whatCannotBeACodeIsNotLookedUp() {
		assertThat(MeetingCode.normalize("abc-defg-hi")).as("nine letters").isEmpty();
		assertThat(MeetingCode.normalize("abcdefghijk")).as("eleven letters").isEmpty();
		assertThat(MeetingCode.normalize("abc-d3fg-hij")).as("a digit").isEmpty();
		assertThat(MeetingCode.normalize("abc_defg_hij")).as("other separators").isEmpty();
		assertThat(MeetingCode.normalize("äbcdefghij")).as("letters outside a to z").isEmpty();
		assertThat(MeetingCode.normalize("")).isEmpty();
	}

	@Test
	void codesDoNotRepeatInPractice() {
		Set<String> codes = new HashSet<>();
		for (int each = 0; each < 10_000; each++) {
			codes.add(MeetingCode.generate());
		}
		assertThat(codes).as("26^10 codes: ten thousand draws do not collide").hasSize(10_000);
	}

}
