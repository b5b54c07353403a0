// Raster images for signature appearances: PNG in, Image XObject out.
#pragma once

#include "pdf/syntax.hpp"

#include <string>

namespace bsre::pdf {

// 8-bit sRGB pixels, rows top to bottom, no padding.
struct RasterImage {
    int width = 0;
    int height = 0;
    std::string rgb;     // width * height * 3 bytes
    std::string alpha;   // width * height bytes, non-premultiplied; empty if opaque
};

// Reads any PNG (palette, grey, RGB, with or without alpha or tRNS, 1 to 16
// bits) into 8-bit RGB plus alpha. Fully opaque images get no alpha.
// Throws Error(Code::ImageInvalid) if the file is unreadable, not a PNG,
// damaged or unreasonably large.
RasterImage loadPng(const std::string& path);

// Writes an Image XObject (/DeviceRGB, 8 bpc, Flate with PNG predictors) and,
// when the image has alpha, its /SMask; returns the image's object number.
// Throws Error(Code::ImageInvalid) if the buffers do not match the size.
int emitImage(const RasterImage& image, NewObjects& objs);

// Scaled down (area average, colour weighted by alpha) so neither side
// exceeds maxSide pixels; unchanged when already small enough. A logo drawn
// half an inch high needs no more than ~150 px.
RasterImage fitWithin(const RasterImage& image, int maxSide);

// loadPng + fitWithin + emitImage, one object per (path, size) in an update.
int emitPngFile(const std::string& path, int maxSide, NewObjects& objs, int* width = nullptr, int* height = nullptr);

constexpr int kLogoPixels = 160;

// The image as a PNG file (8-bit RGB, or RGBA with alpha), in memory.
// Throws Error(Code::ImageInvalid) if the buffers do not match the size.
std::string encodePng(const RasterImage& image);

} // namespace bsre::pdf
