/**
 * d3-time-format locale definitions, so dates on chart axes and in tooltips follow the interface
 * language (Vega's default is English month and day names). Plain data, handed to vega-embed.
 */
export type TimeLocale = {
  dateTime: string;
  date: string;
  time: string;
  periods: [string, string];
  days: [string, string, string, string, string, string, string];
  shortDays: [string, string, string, string, string, string, string];
  months: [string, string, string, string, string, string, string, string, string, string, string, string];
  shortMonths: [string, string, string, string, string, string, string, string, string, string, string, string];
};

export const TIME_LOCALES: Record<'en' | 'zh', TimeLocale> = {
  en: {
    dateTime: '%x, %X', date: '%-m/%-d/%Y', time: '%-I:%M:%S %p', periods: ['AM', 'PM'],
    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  // d3-time-format's zh-CN definition
  zh: {
    dateTime: '%x %A %X', date: '%Y年%-m月%-d日', time: '%H:%M:%S', periods: ['上午', '下午'],
    days: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    shortDays: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
    months: ['一月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '十一月', '十二月'],
    shortMonths: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  },
};
