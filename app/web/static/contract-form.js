// Shows, as the officer types, which rules of the host-country policy the contract breaks.
// The server checks the same rules when the contract is saved; this only warns earlier.
(function () {
  "use strict";
  var form = document.getElementById("contract-form");
  if (!form) { return; }
  var box = document.getElementById("live-flags");
  var list = box.querySelector("ul");
  var rules = form.dataset;

  function number(name) {
    var field = form.elements[name];
    if (!field || field.value.trim() === "") { return null; }
    var value = Number(field.value.replace(",", ".").replace(/[\s']/g, ""));
    return isNaN(value) ? null : value;
  }
  function value(name) { var f = form.elements[name]; return f ? f.value : ""; }

  function check() {
    var found = [];
    var amount = number("wage.amount");
    var hours = number("weekly_hours");
    var currency = value("wage.currency").trim().toUpperCase();
    if (amount !== null && currency && currency !== rules.currency) {
      found.push(rules.msgCurrency);
    } else if (amount !== null && value("wage.basis") === rules.wageBasis) {
      var perFloor = amount;
      if (value("wage.period") !== rules.wagePeriod && hours) {
        var hoursAMonth = hours * 52 / 12;
        perFloor = rules.wagePeriod === "month" ? amount * hoursAMonth : amount / hoursAMonth;
      }
      if (perFloor < Number(rules.minWage)) { found.push(rules.msgWage); }
    }
    if (hours !== null && hours > Number(rules.maxHours)) { found.push(rules.msgHours); }
    var rest = number("weekly_rest_days");
    if (rest !== null && rest < Number(rules.minRest)) { found.push(rules.msgRest); }
    var leave = number("paid_leave_weeks");
    if (leave !== null && leave < Number(rules.minLeave)) { found.push(rules.msgLeave); }

    list.textContent = "";
    found.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    box.hidden = found.length === 0;
  }

  form.addEventListener("input", check);
  form.addEventListener("change", check);
  check();
}());
