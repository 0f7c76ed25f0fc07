// Catch2's main alone in its own file: it is the slowest file to compile, so it is built once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
