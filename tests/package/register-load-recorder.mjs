// Preloaded with `node --import`: registers ./record-loads.mjs before the program runs.
import { register } from "node:module";

register("./record-loads.mjs", import.meta.url);
