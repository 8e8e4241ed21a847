// what the network would use of d3: a force layout, and zoom and pan
export { forceSimulation, forceLink, forceManyBody, forceCenter, forceX, forceY } from "d3-force";
export { zoom } from "d3-zoom";
export { select } from "d3-selection";
