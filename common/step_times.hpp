// Developer timings for the benchmarks (bench/office): when the environment
// variable BSRE_STEP_TIMES names a file, each timed step appends one line
// "step milliseconds" to it when it ends (one O_APPEND write a line, so
// threads do not mix lines). Without the variable a step costs a clock read.
// Steps may nest: a step's time includes the steps inside it.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace bsre {

class StepTimer {
public:
    explicit StepTimer(const char* step) : step_(step), start_(std::chrono::steady_clock::now()) {}
    ~StepTimer() { stop(); }
    // Ends this step and starts the next one.
    void next(const char* step)
    {
        stop();
        step_ = step;
        start_ = std::chrono::steady_clock::now();
    }
    // Ends this step (once; the destructor then records nothing).
    void stop()
    {
        const char* file = target();
        const char* step = step_;
        step_ = nullptr;
        if (!file || !step)
            return;
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
        char line[128];
        const int n = std::snprintf(line, sizeof line, "%s %.3f\n", step, ms);
        const int fd = ::open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
            return;
        [[maybe_unused]] const ssize_t w = ::write(fd, line, static_cast<size_t>(n));
        ::close(fd);
    }
    StepTimer(const StepTimer&) = delete;
    StepTimer& operator=(const StepTimer&) = delete;

private:
    static const char* target()
    {
        static const char* const file = [] {
            const char* v = std::getenv("BSRE_STEP_TIMES");
            return v && *v ? v : nullptr;
        }();
        return file;
    }
    const char* step_;
    std::chrono::steady_clock::time_point start_;
};

} // namespace bsre
