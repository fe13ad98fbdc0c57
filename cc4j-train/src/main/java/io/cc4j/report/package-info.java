/** Pictures and the HTML report of a run: image grids, charts, the confusion matrix. */
package io.cc4j.report;
