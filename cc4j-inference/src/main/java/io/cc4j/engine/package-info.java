/** Start-up of the deep-learning engine (DJL + PyTorch, CPU natives, offline). */
package io.cc4j.engine;
