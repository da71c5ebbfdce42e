"""Page images before OCR: ink, even light, skew found and undone (±MAX_SKEW degrees), and
boxes found in the straightened image mapped back to the image as it was."""

from __future__ import annotations

import math
from collections.abc import Callable

MAX_SKEW = 5.0  # degrees

Box = tuple[float, float, float, float]


def inked(gray):
    """Ink pixels: darker than Otsu's threshold between paper and print (blur and dim light
    leave thin strokes, like a dash, well above mid-grey)."""
    import cv2

    threshold, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return gray < max(threshold, 128)


def flatten(gray):
    """Divide out uneven light: the paper becomes white, ink keeps its contrast."""
    import cv2
    import numpy as np

    h, w = gray.shape
    scale = 8
    small = cv2.resize(gray, (max(1, w // scale), max(1, h // scale)), interpolation=cv2.INTER_AREA)
    # the brightest value around each point is the paper there (text strokes are thin)
    kernel = np.ones((9, 9), np.uint8)
    paper = cv2.GaussianBlur(cv2.dilate(small, kernel), (0, 0), 4)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    flat = gray.astype(np.float32) / np.maximum(paper, 1) * 255
    return np.clip(flat, 0, 255).astype(np.uint8)


def skew(gray) -> float:
    """The turn that straightens the page (degrees counter-clockwise, as `rotate` takes
    it, within ±MAX_SKEW): the one that makes the rows of ink sharpest; 0 below 0.1°."""
    import numpy as np

    step = max(1, gray.shape[1] // 1000)
    ys, xs = np.nonzero(gray[::step, ::step] < 128)
    if len(ys) < 100:
        return 0.0

    def sharpness(deg: float) -> float:
        t = math.radians(deg)
        rows = np.round(ys * math.cos(t) - xs * math.sin(t)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        return float(np.sum(counts.astype(np.float64) ** 2))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    fine = max(np.arange(coarse - 0.5, coarse + 0.51, 0.05), key=sharpness)
    return 0.0 if abs(fine) < 0.1 else float(fine)


def rotate(gray, angle: float):
    """Turn the image by `angle` degrees (counter-clockwise) about its centre, white fill."""
    import cv2

    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def unrotate(angle: float, shape: tuple[int, int]) -> Callable[[Box], Box]:
    """Map a box in the straightened image back to the image as it was (its bounding box)."""
    h, w = shape
    cx, cy = w / 2, h / 2
    t = math.radians(angle)
    cos, sin = math.cos(t), math.sin(t)

    def back(box: Box) -> Box:
        if not angle:
            return box
        x0, y0, x1, y1 = box
        xs, ys = [], []
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            dx, dy = x - cx, y - cy
            # the straightened image was the original turned by `angle`: turn it back
            xs.append(cx + dx * cos - dy * sin)
            ys.append(cy + dx * sin + dy * cos)
        return (min(xs), min(ys), max(xs), max(ys))

    return back
