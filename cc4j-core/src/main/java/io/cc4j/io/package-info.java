/** File helpers shared by every stage: atomic (temp file + fsync + rename) writes. */
package io.cc4j.io;
