from datetime import date

from app import french


def test_numbers_the_french_way():
    assert french.number(1095) == "1095"
    assert french.number(79.5) == "79,5"
    assert french.number(12345) == "12\u202f345"
    assert french.number(1716.8) == "1716,8"
    assert french.number(2.0) == "2"
    assert french.number(-3) == "-3"


def test_amounts_percent_dates_durations():
    assert french.euros(1380) == "1380 €"
    assert french.euros(300.5) == "300,50 €"
    assert french.percent(80) == "80 %"
    assert french.day_text(date(2015, 2, 28)) == "28/02/2015"
    assert french.duration(3, 0, 1) == "3 ans 0 mois 1 jour"
    assert french.duration(1, 2, 0) == "1 an 2 mois 0 jour"
    assert french.days(1) == "1 jour" and french.days(2) == "2 jours"
