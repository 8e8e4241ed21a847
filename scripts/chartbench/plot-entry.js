// what the web app's charts would use of Observable Plot (time series: stacked rects, lines, dots)
export { plot, rectY, lineY, dot, ruleY, stackY } from "@observablehq/plot";
