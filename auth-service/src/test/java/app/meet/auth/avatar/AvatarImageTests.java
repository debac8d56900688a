package app.meet.auth.avatar;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvatarImageTests {

	@Test
	void aTransparentImageStaysPngAndIsScaledToFitWithoutItsTextChunks() throws IOException {
		byte[] png = withTextChunk(image(2000, 1000, BufferedImage.TYPE_INT_ARGB, "png"), "Location: home");

		AvatarImage.Encoded avatar = AvatarImage.normalize(png, ImageType.PNG);

		assertThat(avatar.type()).isEqualTo(ImageType.PNG);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(avatar.bytes()));
		assertThat(decoded.getWidth()).isEqualTo(AvatarImage.SIDE);
		assertThat(decoded.getHeight()).isEqualTo(AvatarImage.SIDE / 2);
		assertThat(new String(avatar.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Location");
	}

	@Test
	void anOpaqueImageBecomesJpegAndASmallOneKeepsItsSize() throws IOException {
		AvatarImage.Encoded avatar = AvatarImage.normalize(image(64, 48, BufferedImage.TYPE_INT_RGB, "png"),
				ImageType.PNG);

		assertThat(avatar.type()).isEqualTo(ImageType.JPEG);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(avatar.bytes()));
		assertThat(decoded.getWidth()).isEqualTo(64);
		assertThat(decoded.getHeight()).isEqualTo(48);
	}

	@Test
	void anImageDeclaringMoreThanTheLargestSideIsRefusedBeforeDecoding() throws IOException {
		byte[] huge = image(AvatarImage.MAX_UPLOAD_SIDE + 1, 10, BufferedImage.TYPE_BYTE_BINARY, "png");

		assertThatExceptionOfType(AvatarImage.ImageTooLargeException.class)
			.isThrownBy(() -> AvatarImage.normalize(huge, ImageType.PNG))
			.withMessageContaining("4097 x 10");
	}

	@Test
	void aTruncatedImageIsNotAnImage() throws IOException {
		byte[] png = image(100, 100, BufferedImage.TYPE_INT_RGB, "png");
		byte[] truncated = Arrays.copyOf(png, 40);

		assertThatExceptionOfType(AvatarService.NotAnImageException.class)
			.isThrownBy(() -> AvatarImage.normalize(truncated, ImageType.PNG));
	}

	@Test
	void webpImagesCanBeRead() {
		assertThat(ImageIO.getImageReadersByMIMEType(ImageType.WEBP.contentType()).hasNext()).isTrue();
	}

	private static byte[] image(int width, int height, int type, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(new BufferedImage(width, height, type), format, out)).isTrue();
		return out.toByteArray();
	}

	/** The PNG with a tEXt chunk holding the text, right after its header chunk. */
	private static byte[] withTextChunk(byte[] png, String text) {
		int afterHeader = 8 + 8 + 13 + 4;
		byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
		byte[] typeAndData = new byte[4 + data.length];
		System.arraycopy("tEXt".getBytes(StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
		System.arraycopy(data, 0, typeAndData, 4, data.length);
		CRC32 crc = new CRC32();
		crc.update(typeAndData);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(png, 0, afterHeader);
		out.write(new byte[] { 0, 0, (byte) (data.length >> 8), (byte) data.length }, 0, 4);
		out.write(typeAndData, 0, typeAndData.length);
		long value = crc.getValue();
		out.write(new byte[] { (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value }, 0, 4);
		out.write(png, afterHeader, png.length - afterHeader);
		return out.toByteArray();
	}

}
