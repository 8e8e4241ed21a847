// Vega-Lite compiles to Vega, which renders: both are needed in the page
export { View, parse } from "vega";
export { compile } from "vega-lite";
