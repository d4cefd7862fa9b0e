/** The script-tag bundle (dist/w4g-calendar.js): defines every element. */
import './index.js';
