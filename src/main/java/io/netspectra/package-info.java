/**
 * NetSpectra: offline packet-capture analysis. Data flows capture -> decode -> pipeline -> aggregate -> snapshot ->
 * store -> report, wired by cli. This package holds only the exception family shared by all of them.
 */
package io.netspectra;
