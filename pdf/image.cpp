#include "pdf/image.hpp"

#include "common/error.hpp"
#include "pdf/draw.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <sys/stat.h>

#include <png.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

namespace bsre::pdf {

namespace {

// A signature image never needs more; the limit keeps a hostile file from
// making us allocate gigabytes (decoding takes about 12 bytes per pixel).
constexpr long long kMaxPixels = 16'000'000;

[[noreturn]] void invalid(const std::string& path, const std::string& whyEn, const std::string& whyId)
{
    fail(Code::ImageInvalid,
         "The image \"" + path + "\" cannot be used: " + whyEn + " Use a valid PNG file.",
         "Gambar \"" + path + "\" tidak dapat digunakan: " + whyId + " Gunakan berkas PNG yang valid.");
}

// Frees libpng's reader state on every path out of loadPng, including throws.
struct PngImageGuard {
    png_image* image;
    ~PngImageGuard() { png_image_free(image); }
};

// PNG row filters (RFC 2083 6) in front of each row, choosing per row the
// filter with the smallest sum of absolute differences, as PNG encoders do;
// flat and gradient areas of logos and scanned signatures then deflate far better.
std::string predict(const std::string& data, int width, int height, int channels)
{
    const size_t stride = static_cast<size_t>(width) * channels;
    std::string out;
    out.reserve((stride + 1) * height);
    std::vector<unsigned char> candidate(stride);
    std::vector<unsigned char> best(stride);
    const std::vector<unsigned char> zeros(stride, 0);
    for (int y = 0; y < height; ++y) {
        auto row = reinterpret_cast<const unsigned char*>(data.data()) + y * stride;
        auto up = y > 0 ? row - stride : zeros.data();
        long bestScore = -1;
        unsigned char bestType = 0;
        for (unsigned char type = 0; type < 5; ++type) {
            long score = 0;
            for (size_t i = 0; i < stride; ++i) {
                int a = i >= static_cast<size_t>(channels) ? row[i - channels] : 0;
                int b = up[i];
                int c = i >= static_cast<size_t>(channels) ? up[i - channels] : 0;
                int pred = 0;
                switch (type) {
                case 1: pred = a; break;
                case 2: pred = b; break;
                case 3: pred = (a + b) / 2; break;
                case 4: {
                    int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                    pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                    break;
                }
                default: break;
                }
                candidate[i] = static_cast<unsigned char>(row[i] - pred);
                score += std::abs(static_cast<int>(static_cast<signed char>(candidate[i])));
            }
            if (bestScore < 0 || score < bestScore) {
                bestScore = score;
                bestType = type;
                best.swap(candidate);
            }
        }
        out += static_cast<char>(bestType);
        out.append(reinterpret_cast<const char*>(best.data()), stride);
    }
    return out;
}

std::string imageDict(const RasterImage& image, const char* colorSpace, int channels)
{
    return "/Type /XObject /Subtype /Image /Width " + num(image.width) + " /Height " + num(image.height)
        + " /ColorSpace " + colorSpace + " /BitsPerComponent 8 /DecodeParms << /Predictor 15 /Colors "
        + num(channels) + " /BitsPerComponent 8 /Columns " + num(image.width) + " >>";
}

} // namespace

RasterImage loadPng(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        invalid(path, "the file cannot be opened.", "berkas tidak dapat dibuka.");
    std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        invalid(path, "the file cannot be read.", "berkas tidak dapat dibaca.");

    // The simplified libpng API does its own setjmp/longjmp inside libpng and
    // reports errors through its return value, so no longjmp crosses our frames.
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    PngImageGuard guard{&png};
    if (!png_image_begin_read_from_memory(&png, file.data(), file.size()))
        invalid(path, std::string("it is not a readable PNG (") + png.message + ").",
                std::string("berkas bukan PNG yang dapat dibaca (") + png.message + ").");
    if (png.width == 0 || png.height == 0
        || static_cast<long long>(png.width) * png.height > kMaxPixels) {
        const std::string size = std::to_string(png.width) + " x " + std::to_string(png.height);
        invalid(path, "its size of " + size + " pixels is not supported.",
                "ukuran " + size + " piksel tidak didukung.");
    }

    // 8-bit RGBA output: libpng expands palettes, grey and tRNS, reduces 16-bit
    // samples with gamma correction, and leaves colour not premultiplied.
    png.format = PNG_FORMAT_RGBA;
    std::vector<png_byte> pixels(PNG_IMAGE_SIZE(png));
    if (!png_image_finish_read(&png, nullptr, pixels.data(), 0, nullptr))
        invalid(path, std::string("the PNG data is damaged (") + png.message + ").",
                std::string("data PNG rusak (") + png.message + ").");

    RasterImage image;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    const size_t count = static_cast<size_t>(png.width) * png.height;
    image.rgb.resize(count * 3);
    image.alpha.resize(count);
    bool opaque = true;
    for (size_t i = 0; i < count; ++i) {
        image.rgb[3 * i] = static_cast<char>(pixels[4 * i]);
        image.rgb[3 * i + 1] = static_cast<char>(pixels[4 * i + 1]);
        image.rgb[3 * i + 2] = static_cast<char>(pixels[4 * i + 2]);
        image.alpha[i] = static_cast<char>(pixels[4 * i + 3]);
        opaque = opaque && pixels[4 * i + 3] == 0xFF;
    }
    if (opaque)
        image.alpha.clear();
    return image;
}

int emitImage(const RasterImage& image, NewObjects& objs)
{
    const size_t count = static_cast<size_t>(image.width > 0 ? image.width : 0)
        * static_cast<size_t>(image.height > 0 ? image.height : 0);
    if (count == 0 || image.rgb.size() != count * 3 || (!image.alpha.empty() && image.alpha.size() != count))
        fail(Code::ImageInvalid, "The image data does not match its size.",
             "Data gambar tidak sesuai dengan ukurannya.");

    std::string smask;
    if (!image.alpha.empty()) {
        int mask = objs.add(streamObject(imageDict(image, "/DeviceGray", 1),
                                         predict(image.alpha, image.width, image.height, 1), true));
        smask = " /SMask " + ref(mask);
    }
    return objs.add(streamObject(imageDict(image, "/DeviceRGB", 3) + smask,
                                 predict(image.rgb, image.width, image.height, 3), true));
}

RasterImage fitWithin(const RasterImage& image, int maxSide)
{
    const int w = image.width, h = image.height;
    if (maxSide <= 0 || (w <= maxSide && h <= maxSide))
        return image;
    const double k = static_cast<double>(std::max(w, h)) / maxSide;
    RasterImage out;
    out.width = std::max(1, static_cast<int>(w / k + 0.5));
    out.height = std::max(1, static_cast<int>(h / k + 0.5));
    const bool alpha = !image.alpha.empty();
    out.rgb.resize(static_cast<size_t>(out.width) * out.height * 3);
    if (alpha)
        out.alpha.resize(static_cast<size_t>(out.width) * out.height);
    for (int oy = 0; oy < out.height; ++oy) {
        const int y0 = oy * h / out.height, y1 = std::max(y0 + 1, (oy + 1) * h / out.height);
        for (int ox = 0; ox < out.width; ++ox) {
            const int x0 = ox * w / out.width, x1 = std::max(x0 + 1, (ox + 1) * w / out.width);
            double sum[3] = {0, 0, 0}, weight = 0, a = 0;
            for (int y = y0; y < y1; ++y)
                for (int x = x0; x < x1; ++x) {
                    const size_t i = static_cast<size_t>(y) * w + x;
                    const double wa = alpha ? static_cast<unsigned char>(image.alpha[i]) / 255.0 : 1.0;
                    for (int c = 0; c < 3; ++c)
                        sum[c] += wa * static_cast<unsigned char>(image.rgb[3 * i + c]);
                    weight += wa;
                    a += wa;
                }
            const size_t o = static_cast<size_t>(oy) * out.width + ox;
            const int n = (x1 - x0) * (y1 - y0);
            for (int c = 0; c < 3; ++c)
                out.rgb[3 * o + c] = static_cast<char>(weight > 0 ? static_cast<int>(sum[c] / weight + 0.5) : 255);
            if (alpha)
                out.alpha[o] = static_cast<char>(static_cast<int>(a / n * 255 + 0.5));
        }
    }
    return out;
}

namespace {

// A JPEG goes in as it is (DCTDecode): width, height and components from the
// frame header; no re-encoding, no alpha (JPEG has none).
struct JpegFrame {
    int width, height, components;
};

std::optional<JpegFrame> jpegFrame(const std::string& d)
{
    if (d.size() < 4 || static_cast<unsigned char>(d[0]) != 0xFF || static_cast<unsigned char>(d[1]) != 0xD8)
        return std::nullopt;
    size_t i = 2;
    while (i + 9 < d.size()) {
        if (static_cast<unsigned char>(d[i]) != 0xFF)
            return std::nullopt;
        const unsigned char marker = static_cast<unsigned char>(d[i + 1]);
        const size_t len = (static_cast<unsigned char>(d[i + 2]) << 8) | static_cast<unsigned char>(d[i + 3]);
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            const JpegFrame f{(static_cast<unsigned char>(d[i + 7]) << 8) | static_cast<unsigned char>(d[i + 8]),
                              (static_cast<unsigned char>(d[i + 5]) << 8) | static_cast<unsigned char>(d[i + 6]),
                              static_cast<unsigned char>(d[i + 9])};
            if (f.width > 0 && f.height > 0 && (f.components == 1 || f.components == 3))
                return f;
            return std::nullopt;
        }
        i += 2 + len;
    }
    return std::nullopt;
}

// The whole file when it starts like a JPEG (SOI marker), else nothing.
std::optional<std::string> jpegFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(4, '\0');
    in.read(head.data(), 4);
    if (in.gcount() != 4 || static_cast<unsigned char>(head[0]) != 0xFF || static_cast<unsigned char>(head[1]) != 0xD8)
        return std::nullopt;
    in.seekg(0);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

ImageObject emitJpeg(const std::string& path, const std::string& data, NewObjects& objs)
{
    const std::optional<JpegFrame> f = jpegFrame(data);
    if (!f)
        fail(Code::ImageInvalid, "The image " + path + " is not a JPEG this program can embed.",
             "Gambar " + path + " bukan JPEG yang dapat disematkan.");
    const int obj = objs.add(streamObject("/Type /XObject /Subtype /Image /Width " + num(f->width) + " /Height " +
                                              num(f->height) +
                                              (f->components == 1 ? " /ColorSpace /DeviceGray" : " /ColorSpace /DeviceRGB") +
                                              " /BitsPerComponent 8 /Filter /DCTDecode",
                                          data, false));
    return {obj, f->width, f->height};
}

// A JPEG as it is, anything else read as PNG and fitted within maxSide.
// A PNG as written: decoded, scaled and compressed once per process (the
// logo of every file of a batch), again when the file changes.
struct EncodedPng {
    RasterImage size; // width and height only; alpha non-empty when there is a mask
    std::string rgb, alpha; // deflated, with the PNG predictors
};

EncodedPng encodedPng(const std::string& path, int maxSide)
{
    static std::mutex mutex;
    static std::map<std::string, EncodedPng> cache;
    struct stat st{};
    const bool known = ::stat(path.c_str(), &st) == 0;
    const std::string key = std::to_string(maxSide) + ":" + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) +
                            ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
                            std::to_string(st.st_mtim.tv_nsec) + ":" + path;
    std::lock_guard<std::mutex> hold(mutex);
    if (auto it = cache.find(key); known && it != cache.end())
        return it->second;
    const RasterImage img = fitWithin(loadPng(path), maxSide);
    EncodedPng e;
    e.size.width = img.width;
    e.size.height = img.height;
    e.rgb = deflate(predict(img.rgb, img.width, img.height, 3));
    if (!img.alpha.empty()) {
        e.size.alpha = "1";
        e.alpha = deflate(predict(img.alpha, img.width, img.height, 1));
    }
    if (cache.size() > 16)
        cache.clear(); // a few logos and images at most; never grows with a batch
    return cache[key] = std::move(e);
}

ImageObject emitNewImage(const std::string& path, int maxSide, NewObjects& objs)
{
    if (std::optional<std::string> jpeg = jpegFile(path))
        return emitJpeg(path, *jpeg, objs);
    const EncodedPng e = encodedPng(path, maxSide); // a copy, made under the cache's lock
    std::string smask;
    if (!e.size.alpha.empty())
        smask = " /SMask " + ref(objs.add(deflatedStreamObject(imageDict(e.size, "/DeviceGray", 1), e.alpha)));
    const int obj = objs.add(deflatedStreamObject(imageDict(e.size, "/DeviceRGB", 3) + smask, e.rgb));
    return {obj, e.size.width, e.size.height};
}

} // namespace

ImageObject emitImageFile(const std::string& path, int maxSide, NewObjects& objs)
{
    // The pixel size is remembered next to the object, for the next caller with the same image.
    const std::string key = std::to_string(maxSide) + ":" + path;
    const int obj = objs.memo("png:" + key, [&] {
        const ImageObject made = emitNewImage(path, maxSide, objs);
        objs.memo("png-size:" + key, [&] { return made.width * 100000 + made.height; });
        return made.obj;
    });
    const int packed = objs.memo("png-size:" + key, [] { return 0; });
    return {obj, packed / 100000, packed % 100000};
}

int emitPngFile(const std::string& path, int maxSide, NewObjects& objs, int* width, int* height)
{
    const ImageObject image = emitImageFile(path, maxSide, objs);
    if (width)
        *width = image.width;
    if (height)
        *height = image.height;
    return image.obj;
}

std::string encodePng(const RasterImage& image)
{
    const size_t count = static_cast<size_t>(image.width) * static_cast<size_t>(image.height);
    const bool alpha = !image.alpha.empty();
    if (image.width <= 0 || image.height <= 0 || image.rgb.size() != count * 3 || (alpha && image.alpha.size() != count))
        fail(Code::ImageInvalid, "The image to encode does not match its size.",
             "Gambar yang akan dikodekan tidak sesuai dengan ukurannya.");
    std::string pixels = image.rgb;
    if (alpha) {
        pixels.resize(count * 4);
        for (size_t i = 0; i < count; ++i) {
            pixels[4 * i] = image.rgb[3 * i];
            pixels[4 * i + 1] = image.rgb[3 * i + 1];
            pixels[4 * i + 2] = image.rgb[3 * i + 2];
            pixels[4 * i + 3] = image.alpha[i];
        }
    }
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    PngImageGuard guard{&png};
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    png_alloc_size_t size = 0;
    // The first call measures, the second writes (libpng's simplified API).
    if (!png_image_write_to_memory(&png, nullptr, &size, 0, pixels.data(), 0, nullptr))
        fail(Code::ImageInvalid, std::string("The image cannot be encoded as PNG (") + png.message + ").",
             std::string("Gambar tidak dapat dikodekan sebagai PNG (") + png.message + ").");
    std::string out(size, '\0');
    if (!png_image_write_to_memory(&png, out.data(), &size, 0, pixels.data(), 0, nullptr))
        fail(Code::ImageInvalid, std::string("The image cannot be encoded as PNG (") + png.message + ").",
             std::string("Gambar tidak dapat dikodekan sebagai PNG (") + png.message + ").");
    out.resize(size);
    return out;
}

} // namespace bsre::pdf
