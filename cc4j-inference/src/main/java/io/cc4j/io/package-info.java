/** File helpers shared by every stage: atomic (temp file + fsync + rename) writes and CSV line splitting. */
package io.cc4j.io;
