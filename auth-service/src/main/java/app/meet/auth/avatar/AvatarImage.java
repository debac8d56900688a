package app.meet.auth.avatar;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * An uploaded avatar made safe to serve: its size is read from the header before any
 * pixel is decoded, too large an image is refused, and what is stored is the picture
 * alone, re-encoded at most {@value #SIDE} pixels a side, without the upload's metadata
 * (location, camera, comments) or anything else the file carried.
 */
final class AvatarImage {

	/** The largest width or height an upload may declare. */
	static final int MAX_UPLOAD_SIDE = 4096;

	/** The largest width or height of a stored avatar. */
	static final int SIDE = 512;

	private static final float JPEG_QUALITY = 0.9f;

	static {
		ImageIO.setUseCache(false);
	}

	private AvatarImage() {
	}

	/**
	 * @throws AvatarService.NotAnImageException if the content cannot be decoded as its
	 * type
	 * @throws ImageTooLargeException if the image declares more than
	 * {@value #MAX_UPLOAD_SIDE} pixels a side
	 */
	static Encoded normalize(byte[] content, ImageType type) {
		BufferedImage picture = decode(content, type);
		return encode(fit(picture));
	}

	private static BufferedImage decode(byte[] content, ImageType type) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.contentType());
			if (in == null || !readers.hasNext()) {
				throw new AvatarService.NotAnImageException();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new AvatarService.NotAnImageException();
				}
				if (width > MAX_UPLOAD_SIDE || height > MAX_UPLOAD_SIDE) {
					throw new ImageTooLargeException(width, height);
				}
				// read only every n-th pixel of an image far larger than what is kept
				int step = Math.max(1, Math.max(width, height) / (2 * SIDE));
				ImageReadParam param = reader.getDefaultReadParam();
				param.setSourceSubsampling(step, step, 0, 0);
				return reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof AvatarService.NotAnImageException || ex instanceof ImageTooLargeException) {
				throw (RuntimeException) ex;
			}
			throw new AvatarService.NotAnImageException();
		}
	}

	/** The picture drawn anew, scaled down to fit {@value #SIDE} pixels a side. */
	private static BufferedImage fit(BufferedImage picture) {
		double scale = Math.min(1.0, (double) SIDE / Math.max(picture.getWidth(), picture.getHeight()));
		int width = Math.max(1, (int) Math.round(picture.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(picture.getHeight() * scale));
		boolean alpha = picture.getColorModel().hasAlpha();
		BufferedImage fitted = new BufferedImage(width, height,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = fitted.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(picture, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return fitted;
	}

	/** PNG where the picture has transparency, JPEG otherwise. */
	private static Encoded encode(BufferedImage picture) {
		boolean alpha = picture.getColorModel().hasAlpha();
		ImageType type = alpha ? ImageType.PNG : ImageType.JPEG;
		ImageWriter writer = ImageIO.getImageWritersByMIMEType(type.contentType()).next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (type == ImageType.JPEG) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(JPEG_QUALITY);
			}
			writer.write(null, new IIOImage(picture, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return new Encoded(bytes.toByteArray(), type);
	}

	record Encoded(byte[] bytes, ImageType type) {
	}

	/** An upload whose declared size is beyond what an avatar may be. */
	static class ImageTooLargeException extends RuntimeException {

		ImageTooLargeException(int width, int height) {
			super("The image is " + width + " x " + height + " pixels; an avatar may be at most " + MAX_UPLOAD_SIDE
					+ " pixels a side");
		}

	}

}
