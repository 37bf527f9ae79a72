"""The word lists synthetic dossiers are drawn from: municipalities, origins with their names and
languages, Dutch names and streets, and the shares that make the mix look like CBS figures.

Names are written as they appear in Dutch records (BRP): transliterated, with the diacritics the
BRP keeps (Öztürk, João) and without those it does not (Yilmaz, not Yılmaz).
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.access.constants import DataCategory as C
from koers.people.constants import EventKind as K
from koers.people.constants import Literacy, TargetGroup
from koers.people.constants import Phase as P


@dataclass(frozen=True)
class MunicipalityData:
    cbs_code: str
    name: str
    population: int  # inhabitants, in thousands (rounded)
    pc4: int  # first four-digit postcode of the municipality's range


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _municipalities(rows: str) -> tuple[MunicipalityData, ...]:
    items = []
    for line in rows.strip().splitlines():
        code, name, population, pc4 = (part.strip() for part in line.split("|"))
        items.append(MunicipalityData(code, name, int(population), int(pc4)))
    return tuple(items)


# CBS gemeentecode | name | inhabitants (thousands) | first PC4
MUNICIPALITIES = _municipalities(
    """
    0363|Amsterdam|933|1011
    0599|Rotterdam|670|3011
    0518|'s-Gravenhage|562|2491
    0344|Utrecht|374|3511
    0772|Eindhoven|246|5611
    0014|Groningen|243|9711
    0855|Tilburg|227|5011
    0034|Almere|226|1311
    0758|Breda|186|4811
    0268|Nijmegen|186|6511
    0200|Apeldoorn|168|7311
    0202|Arnhem|167|6811
    0392|Haarlem|165|2011
    0394|Haarlemmermeer|162|2131
    0307|Amersfoort|161|3811
    0479|Zaanstad|160|1501
    0153|Enschede|161|7511
    0796|'s-Hertogenbosch|160|5211
    0193|Zwolle|133|8011
    0546|Leiden|128|2311
    0637|Zoetermeer|127|2711
    0080|Leeuwarden|126|8911
    0935|Maastricht|123|6211
    0505|Dordrecht|121|3311
    0228|Ede|121|6711
    0484|Alphen aan den Rijn|115|2401
    1783|Westland|115|2671
    0361|Alkmaar|111|1811
    0114|Emmen|108|7811
    0503|Delft|104|2611
    0983|Venlo|102|5911
    0150|Deventer|102|7411
    1883|Sittard-Geleen|91|6131
    0794|Helmond|94|5701
    0828|Oss|94|5341
    0362|Amstelveen|92|1181
    0402|Hilversum|92|1211
    1900|Súdwest-Fryslân|92|8601
    0917|Heerlen|87|6411
    0405|Hoorn|75|1621
    1930|Nissewaard|86|3201
    1948|Meierijstad|83|5461
    0995|Lelystad|82|8211
    0439|Purmerend|93|1441
    0513|Gouda|75|2801
    1674|Roosendaal|78|4701
    0606|Schiedam|80|3111
    0622|Vlaardingen|75|3131
    1621|Lansingerland|65|2651
    1916|Leidschendam-Voorburg|78|2261
    0629|Wassenaar|27|2241
    0626|Voorschoten|26|2251
    0716|Tholen|27|4691
    0632|Woerden|53|3441
    0074|Heerenveen|52|8441
    0957|Roermond|59|6041
    1942|Gooise Meren|59|1401
    0106|Assen|69|9401
    0345|Veenendaal|68|3901
    0748|Bergen op Zoom|69|4611
    0502|Capelle aan den IJssel|68|2901
    0400|Den Helder|57|1781
    0355|Zeist|66|3701
    0356|Nieuwegein|65|3431
    0537|Katwijk|67|2221
    0164|Hengelo|82|7551
    0141|Almelo|74|7601
    0166|Kampen|55|8261
    0715|Terneuzen|55|4531
    0687|Middelburg|49|4331
    0718|Vlissingen|45|4381
    0664|Goes|39|4461
    0243|Harderwijk|49|3841
    0222|Doetinchem|59|7001
    0281|Tiel|43|4001
    0861|Veldhoven|46|5501
    0988|Weert|51|6001
    0928|Kerkrade|45|6461
    0441|Schagen|47|1741
    1980|Dijk en Waard|89|1701
    0406|Huizen|42|1271
    0396|Heemskerk|40|1961
    0397|Heemstede|28|2101
    0375|Beverwijk|42|1941
    0377|Bloemendaal|24|2061
    0383|Castricum|36|1901
    0384|Diemen|32|1111
    0385|Edam-Volendam|37|1131
    0388|Enkhuizen|19|1601
    0358|Aalsmeer|33|1431
    0373|Bergen (NH)|30|1861
    0376|Blaricum|12|1261
    0417|Laren|11|1251
    0415|Landsmeer|12|1121
    0431|Oostzaan|10|1511
    0437|Ouder-Amstel|15|1191
    0451|Uithoorn|31|1421
    0453|Velsen|69|1971
    0880|Wormerland|16|1531
    0473|Zandvoort|17|2041
    0498|Drechterland|20|1616
    1598|Koggenland|24|1687
    0420|Medemblik|46|1671
    0432|Opmeer|12|1715
    0532|Stede Broec|22|1611
    0852|Waterland|17|1141
    1696|Wijdemeren|24|1231
    1911|Hollands Kroon|49|1761
    0448|Texel|14|1791
    0399|Heiloo|24|1851
    0450|Uitgeest|14|1911
    0482|Alblasserdam|20|2951
    0489|Barendrecht|50|2991
    0512|Gorinchem|38|4201
    0523|Hardinxveld-Giessendam|18|3371
    0531|Hendrik-Ido-Ambacht|32|3341
    0534|Hillegom|23|2181
    0542|Krimpen aan den IJssel|29|2921
    0547|Leiderdorp|28|2351
    0553|Lisse|23|2161
    0556|Maassluis|34|3141
    0575|Noordwijk|44|2201
    0579|Oegstgeest|26|2341
    0590|Papendrecht|32|3351
    0597|Ridderkerk|47|2981
    0603|Rijswijk|58|2281
    0610|Sliedrecht|26|3361
    1525|Teylingen|38|2171
    0627|Waddinxveen|32|2741
    0642|Zwijndrecht|45|3331
    1926|Pijnacker-Nootdorp|58|2641
    1842|Midden-Delfland|20|2631
    1892|Zuidplas|46|2751
    1884|Kaag en Braassem|28|2371
    0569|Nieuwkoop|29|2421
    1924|Goeree-Overflakkee|51|3241
    1963|Hoeksche Waard|89|3261
    1978|Molenlanden|45|2971
    1931|Krimpenerwaard|57|2821
    0308|Baarn|25|3741
    0310|De Bilt|43|3731
    0312|Bunnik|15|3981
    0313|Bunschoten|22|3751
    0317|Eemnes|9|3755
    0321|Houten|51|3991
    0353|IJsselstein|34|3401
    0327|Leusden|31|3831
    0331|Lopik|15|3411
    0335|Montfoort|14|3417
    0589|Oudewater|10|3421
    0339|Renswoude|5|3927
    0340|Rhenen|20|3911
    0342|Soest|47|3761
    1961|Vijfheerenlanden|58|4131
    0352|Wijk bij Duurstede|24|3961
    0351|Woudenberg|14|3931
    1904|Stichtse Vecht|66|3601
    1581|Utrechtse Heuvelrug|50|3941
    0736|De Ronde Venen|45|3641
    0197|Aalten|27|7121
    0203|Barneveld|62|3771
    0209|Beuningen|26|6641
    1876|Bronckhorst|37|7221
    0213|Brummen|21|6971
    0214|Buren|28|4021
    0216|Culemborg|30|4101
    0221|Doesburg|11|6981
    0225|Druten|19|6651
    0226|Duiven|26|6921
    0230|Elburg|24|8081
    0232|Epe|33|8161
    0233|Ermelo|27|3851
    0244|Hattem|12|8051
    0246|Heerde|19|8181
    0252|Heumen|17|6581
    0262|Lochem|34|7241
    0267|Nijkerk|45|3861
    0269|Oldebroek|24|8091
    0273|Putten|25|3881
    0274|Renkum|32|6861
    0275|Rheden|44|6991
    0277|Rozendaal|2|6891
    0279|Scherpenzeel|10|3925
    0285|Voorst|25|7381
    0289|Wageningen|40|6701
    0294|Winterswijk|29|7101
    0296|Wijchen|41|6601
    0297|Zaltbommel|30|5301
    0299|Zevenaar|45|6901
    0301|Zutphen|49|7201
    0302|Nunspeet|29|8071
    1859|Berkelland|44|7271
    1586|Oost Gelre|30|7131
    1509|Oude IJsselstreek|40|7081
    1955|Montferland|36|7041
    1734|Overbetuwe|49|6661
    1705|Lingewaard|47|6851
    1960|West Betuwe|52|4191
    0263|Maasdriel|25|5331
    0668|West Maas en Waal|20|6658
    1945|Berg en Dal|35|6571
    1740|Neder-Betuwe|25|4041
    0293|Westervoort|15|6931
    0303|Dronten|43|8251
    0171|Noordoostpolder|48|8301
    0184|Urk|22|8321
    0050|Zeewolde|24|3891
    0147|Borne|24|7621
    0148|Dalfsen|29|7721
    0158|Haaksbergen|24|7481
    0160|Hardenberg|62|7771
    0163|Hellendoorn|36|7447
    0168|Losser|22|7581
    1773|Olst-Wijhe|18|8121
    0175|Ommen|18|7731
    0173|Oldenzaal|32|7571
    0177|Raalte|38|8101
    0180|Staphorst|18|7951
    0183|Tubbergen|21|7651
    1708|Steenwijkerland|45|8331
    1700|Twenterand|34|7671
    1742|Rijssen-Holten|39|7461
    0189|Wierden|25|7641
    1774|Dinkelland|26|7591
    1735|Hof van Twente|35|7471
    1896|Zwartewaterland|23|8061
    1966|Het Hogeland|48|9951
    1969|Westerkwartier|64|9801
    1952|Midden-Groningen|61|9601
    1895|Oldambt|38|9671
    0765|Pekela|12|9663
    0037|Stadskanaal|32|9501
    0047|Veendam|28|9641
    1950|Westerwolde|26|9551
    1979|Eemsdelta|45|9901
    0072|Harlingen|16|8861
    0090|Smallingerland|57|9201
    0085|Ooststellingwerf|26|8421
    0086|Opsterland|30|9244
    0098|Weststellingwerf|26|8471
    0059|Achtkarspelen|28|9285
    0737|Tytsjerksteradiel|32|9251
    1891|Dantumadiel|19|9104
    1949|Waadhoeke|47|8801
    1940|De Fryske Marren|52|8501
    1970|Noardeast-Fryslân|45|9101
    0096|Vlieland|1|8899
    0093|Terschelling|5|8881
    0060|Ameland|4|9161
    0088|Schiermonnikoog|1|9166
    1680|Aa en Hunze|26|9461
    1681|Borger-Odoorn|26|7881
    0109|Coevorden|36|7741
    1690|De Wolden|24|7921
    0118|Hoogeveen|56|7901
    0119|Meppel|35|7941
    1731|Midden-Drenthe|33|9411
    1699|Noordenveld|32|9301
    1730|Tynaarlo|35|9481
    1701|Westerveld|20|7991
    0654|Borsele|23|4451
    0677|Hulst|27|4561
    0678|Kapelle|13|4421
    0703|Reimerswaal|23|4411
    1676|Schouwen-Duiveland|34|4301
    1714|Sluis|23|4501
    0717|Veere|22|4351
    1695|Noord-Beveland|8|4481
    0867|Waalwijk|49|5141
    0826|Oosterhout|57|4901
    0777|Etten-Leur|45|4871
    0766|Dongen|26|5101
    0753|Best|31|5681
    0757|Boxtel|32|5281
    1771|Geldrop-Mierlo|40|5661
    0797|Heusden|45|5251
    0824|Oisterwijk|33|5061
    1991|Maashorst|63|5401
    0865|Vught|27|5261
    0866|Waalre|17|5581
    0858|Valkenswaard|32|5551
    1709|Moerdijk|38|4761
    1982|Land van Cuijk|93|5431
    1959|Altena|58|4251
    1719|Drimmelen|27|4921
    0785|Goirle|24|5051
    0784|Gilze en Rijen|27|5121
    1655|Halderberge|30|4731
    0820|Nuenen, Gerwen en Nederwetten|23|5671
    0848|Son en Breugel|17|5691
    0847|Someren|19|5711
    0762|Deurne|33|5751
    0743|Asten|17|5721
    1659|Laarbeek|23|5741
    1652|Gemert-Bakel|31|5421
    1706|Cranendonck|21|6021
    1728|Bladel|21|5531
    0770|Eersel|20|5521
    1667|Reusel-De Mierden|13|5541
    0823|Oirschot|19|5688
    0809|Loon op Zand|24|5171
    0798|Hilvarenbeek|16|5081
    0873|Woensdrecht|22|4631
    0879|Zundert|22|4881
    0840|Rucphen|23|4715
    0851|Steenbergen|25|4651
    1721|Bernheze|32|5381
    0845|Sint-Michielsgestel|30|5271
    0755|Boekel|11|5427
    1658|Heeze-Leende|16|5591
    0882|Landgraaf|37|6371
    0899|Brunssum|27|6441
    0984|Venray|45|5801
    1507|Horst aan de Maas|43|5961
    1894|Peel en Maas|44|5981
    1711|Echt-Susteren|32|6101
    1641|Maasgouw|24|6051
    1640|Leudal|36|6081
    1669|Roerdalen|21|6071
    1954|Beekdaelen|36|6361
    0971|Stein|25|6171
    0938|Meerssen|19|6231
    1903|Eijsden-Margraten|25|6245
    0994|Valkenburg aan de Geul|16|6301
    1729|Gulpen-Wittem|14|6271
    0981|Vaals|10|6291
    0986|Voerendaal|12|6367
    0965|Simpelveld|10|6369
    0888|Beek|16|6191
    0946|Nederweert|17|6031
    0907|Gennep|17|6591
    0893|Bergen (L)|13|5854
    0944|Mook en Middelaar|8|6585
    """
)

# Parts for municipality names once the real list is used up ("Oosterveen", "Nieuwebroek").
DERIVED_NAME_HEADS = _names(
    "Ooster, Wester, Noorder, Zuider, Nieuwe, Oude, Hooge, Lage, Boven, Neder, Midden, Groot"
)
DERIVED_NAME_TAILS = _names(
    "veen, broek, wolde, horst, dijk, hoven, dam, wijk, zande, berg, "
    "beek, meer, hout, zijl, velde, kerk, dorp, laar, rade, mond"
)


@dataclass(frozen=True)
class Origin:
    """A country of origin: names by gender and family names, the languages (weighted sets) and
    the literacy shares (Latin script, other script, not literate, unknown)."""

    country: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    languages: tuple[tuple[tuple[str, ...], int], ...]
    literacy: tuple[int, int, int, int]
    gendered_family_names: bool = False  # Russian style: Ivanov / Ivanova
    double_family_names: int = 0  # percentage with two family names (Spanish style)


ORIGINS: dict[str, Origin] = {
    origin.country: origin
    for origin in (
        Origin(
            "SY",
            _names(
                "Mohammad, Ahmad, Khaled, Omar, Yousef, Abdulrahman, Mahmoud, Hussein, Ali, Ibrahim, "
                "Bashar, Rami, Samer, Fadi, Anas, Hamza, Tarek, Majd, Hassan, Mustafa"
            ),
            _names(
                "Fatima, Aya, Rasha, Hiba, Nour, Rana, Lama, Reem, Yasmin, Dima, Hala, Amal, Sara, "
                "Ghada, Raghad, Batoul, Zeinab, Maryam, Rima, Alaa"
            ),
            _names(
                "Alhussein, Al Ahmad, Alkhalil, Hamdan, Haddad, Al Masri, Alsaleh, Khalil, Darwish, "
                "Ibrahim, Al Hamwi, Mansour, Najjar, Sabbagh, Othman, Alali, Kassem, Hassoun, Shaker, "
                "Al Zoubi, Alhamad, Abdullah"
            ),
            ((("ar",), 80), (("ar", "ku"), 12), (("ku",), 5), (("ar", "en"), 3)),
            (10, 68, 12, 10),
        ),
        Origin(
            "ER",
            _names(
                "Yonas, Tesfay, Dawit, Habtom, Filmon, Samuel, Mehari, Kibrom, Berhane, Tekle, Robel, "
                "Yemane, Mulugeta, Goitom, Ermias, Amanuel, Biniam, Henok"
            ),
            _names(
                "Merhawit, Helen, Senait, Semhar, Luwam, Yordanos, Saba, Feven, Rahwa, Selam, Tsega, "
                "Mebrat, Hiwet, Winta, Abrehet, Eden, Ruta, Yohana"
            ),
            _names(
                "Tesfamariam, Gebremedhin, Haile, Tekle, Ghebreyesus, Berhane, Kidane, Woldu, Habte, "
                "Mebrahtu, Tesfaye, Asmerom, Andemariam, Ghirmay, Weldemichael, Kahsay, Zerai, "
                "Yohannes, Negash, Okbay"
            ),
            ((("ti",), 82), (("ti", "ar"), 10), (("ti", "am"), 8)),
            (8, 50, 32, 10),
        ),
        Origin(
            "AF",
            _names(
                "Mohammad, Ahmad, Abdul, Mustafa, Hamid, Rahim, Karim, Najib, Farid, Jawad, Sayed, "
                "Ali, Hassan, Mirwais, Rahmatullah, Zabihullah, Naveed, Bilal"
            ),
            _names(
                "Fatima, Zahra, Maryam, Soraya, Nadia, Parwana, Shabnam, Freshta, Malalai, Mina, "
                "Laila, Zainab, Habiba, Marzia, Sakina, Gulalai, Hadia, Nilofar"
            ),
            _names(
                "Ahmadi, Hosseini, Rahimi, Mohammadi, Sultani, Noori, Hakimi, Karimi, Amiri, Azizi, "
                "Haidari, Sadat, Popal, Stanikzai, Wardak, Jafari, Rezai, Yousufzai, Safi, Nazari"
            ),
            ((("prs",), 55), (("ps",), 25), (("prs", "ps"), 10), (("fa",), 10)),
            (5, 45, 40, 10),
        ),
        Origin(
            "TR",
            _names(
                "Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, Ibrahim, Murat, Emre, Burak, Yusuf, "
                "Ömer, Kemal, Serkan, Cem, Onur, Mert, Deniz"
            ),
            _names(
                "Ayse, Fatma, Emine, Hatice, Zeynep, Elif, Merve, Büsra, Esra, Özlem, Derya, Selin, "
                "Gül, Hülya, Sevgi, Yasemin, Ebru, Nur"
            ),
            _names(
                "Yilmaz, Kaya, Demir, Sahin, Çelik, Yildiz, Yildirim, Öztürk, Aydin, Özdemir, "
                "Arslan, Dogan, Kiliç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Simsek"
            ),
            ((("tr",), 70), (("tr", "ku"), 20), (("ku",), 5), (("tr", "en"), 5)),
            (78, 2, 12, 8),
        ),
        Origin(
            "YE",
            _names(
                "Mohammed, Abdullah, Ali, Saleh, Ahmed, Nasser, Fahd, Hamoud, Abdulaziz, Waleed, "
                "Adel, Amin, Fuad, Hisham, Khaled, Majed"
            ),
            _names(
                "Fatima, Amal, Arwa, Bushra, Huda, Samira, Noor, Asma, Entisar, Wafa, Afrah, Eman, "
                "Raja, Shaima, Sumaya"
            ),
            _names(
                "Al-Ahdal, Al-Hakimi, Al-Sharabi, Al-Aghbari, Saleh, Al-Qadhi, Al-Eryani, Ba Wazir, "
                "Al-Saqqaf, Al-Hamdani, Al-Shami, Qasem, Nasher, Al-Absi"
            ),
            ((("ar",), 92), (("ar", "en"), 8)),
            (5, 60, 25, 10),
        ),
        Origin(
            "IR",
            _names(
                "Reza, Ali, Mohammad, Hossein, Mehdi, Amir, Saeed, Hamid, Behzad, Arash, Babak, "
                "Kaveh, Dariush, Omid, Farhad, Navid"
            ),
            _names(
                "Maryam, Fatemeh, Zahra, Leila, Shirin, Neda, Parisa, Azadeh, Mahsa, Sara, Roya, "
                "Nasrin, Golnaz, Mina, Elham, Samira"
            ),
            _names(
                "Hosseini, Mohammadi, Rezaei, Ahmadi, Karimi, Moradi, Jafari, Rahimi, Sadeghi, "
                "Ghasemi, Kazemi, Tehrani, Ebrahimi, Shirazi, Mousavi, Heidari, Bagheri, Najafi"
            ),
            ((("fa",), 75), (("fa", "ku"), 10), (("fa", "en"), 15)),
            (10, 75, 7, 8),
        ),
        Origin(
            "SO",
            _names(
                "Abdirahman, Mohamed, Abdullahi, Ahmed, Hassan, Ali, Abdi, Yusuf, Omar, Mahad, "
                "Abdikarim, Farah, Ismail, Liban, Mustafe"
            ),
            _names(
                "Hodan, Fadumo, Amina, Halima, Sahra, Hawa, Asha, Faiza, Nimco, Ayaan, Ifrah, "
                "Khadra, Sagal, Ubah, Deeqa, Hibo"
            ),
            _names(
                "Mohamed, Ali, Hassan, Abdi, Ahmed, Warsame, Farah, Jama, Osman, Nur, Yusuf, Hersi, "
                "Egal, Aden, Ismail, Omar"
            ),
            ((("so",), 80), (("so", "ar"), 15), (("so", "sw"), 5)),
            (40, 10, 42, 8),
        ),
        Origin(
            "IQ",
            _names(
                "Ali, Hussein, Mohammed, Ahmed, Haider, Mustafa, Abbas, Karrar, Sajjad, Omar, Zaid, "
                "Yaseen, Murtadha, Ammar, Rebwar, Karwan"
            ),
            _names(
                "Zahraa, Fatima, Noor, Maryam, Rusul, Zainab, Shahad, Hawraa, Sarah, Tabarak, Ruqaya, "
                "Dilan, Shilan, Ban, Hanan"
            ),
            _names(
                "Al-Saadi, Al-Obaidi, Al-Jubouri, Al-Tamimi, Al-Rubaie, Hassan, Kareem, Abdullah, "
                "Jaber, Al-Shammari, Mahmoud, Salih, Rasool, Qadir, Hama"
            ),
            ((("ar",), 65), (("ku",), 15), (("ar", "ku"), 20)),
            (8, 70, 12, 10),
        ),
        Origin(
            "UA",
            _names(
                "Oleksandr, Andrii, Serhii, Dmytro, Volodymyr, Mykola, Ivan, Yurii, Vasyl, Oleh, "
                "Maksym, Bohdan, Taras, Vitalii, Artem"
            ),
            _names(
                "Olena, Tetiana, Nataliia, Iryna, Oksana, Svitlana, Yuliia, Kateryna, Anastasiia, "
                "Mariia, Olha, Halyna, Viktoriia, Alina, Daria"
            ),
            _names(
                "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boiko, Koval, "
                "Oliinyk, Shevchuk, Polishchuk, Lysenko, Marchenko, Rudenko, Savchenko, Moroz, Petrenko"
            ),
            ((("uk", "ru"), 55), (("uk",), 30), (("ru",), 10), (("uk", "en"), 5)),
            (15, 80, 1, 4),
        ),
        Origin(
            "MA",
            _names(
                "Mohamed, Youssef, Hamza, Amine, Karim, Said, Rachid, Mustapha, Abdelilah, Hicham, "
                "Nabil, Khalid, Driss, Ayoub, Bilal"
            ),
            _names(
                "Fatima, Khadija, Naima, Samira, Houda, Salma, Sanae, Imane, Meryem, Latifa, Nadia, "
                "Soukaina, Hafsa, Loubna, Zineb"
            ),
            _names(
                "El Idrissi, Benali, El Amrani, Bouzid, Tahiri, Ait Taleb, Bennani, El Khattabi, "
                "Ouali, Amrani, Belhaj, Azzouzi, Chaoui, El Fassi, Boukhari"
            ),
            ((("ar",), 60), (("ar", "fr"), 30), (("fr",), 10)),
            (35, 40, 18, 7),
        ),
        Origin(
            "ET",
            _names(
                "Abebe, Dawit, Tesfaye, Getachew, Solomon, Yohannes, Mesfin, Alemayehu, Bekele, "
                "Girma, Tadesse, Henok, Kaleb, Natnael"
            ),
            _names(
                "Tigist, Hanna, Meron, Selamawit, Bethlehem, Mahlet, Liya, Almaz, Genet, Hirut, "
                "Tsion, Rahel, Sara, Kidist"
            ),
            _names(
                "Tadesse, Bekele, Alemu, Desta, Haile, Kebede, Wolde, Mengistu, Girma, Abebe, "
                "Tesfaye, Getahun, Assefa, Mulugeta"
            ),
            ((("am",), 75), (("am", "ti"), 15), (("am", "en"), 10)),
            (10, 55, 25, 10),
        ),
        Origin(
            "SD",
            _names(
                "Mohamed, Ahmed, Osman, Abdelrahman, Elfatih, Hassan, Musa, Adam, Ibrahim, Yousif, "
                "Mustafa, Omer, Babiker, Hamid"
            ),
            _names(
                "Fatima, Amna, Hawa, Khadija, Mariam, Sara, Asma, Salma, Samah, Rania, Hiba, Nada, "
                "Afaf, Ikhlas"
            ),
            _names(
                "Abdalla, Osman, Mohamed, Elhassan, Adam, Ibrahim, Musa, Babiker, Elamin, Suliman, "
                "Yousif, Abakar, Idris, Hamad"
            ),
            ((("ar",), 90), (("ar", "en"), 10)),
            (5, 60, 25, 10),
        ),
        Origin(
            "IN",
            _names(
                "Rahul, Amit, Rajesh, Vikram, Arjun, Sanjay, Suresh, Karthik, Pradeep, Rohan, Anil, "
                "Gurpreet, Venkatesh, Nikhil"
            ),
            _names(
                "Priya, Anjali, Deepa, Kavya, Lakshmi, Pooja, Neha, Sneha, Divya, Meera, Sunita, "
                "Swati, Harpreet, Ritu"
            ),
            _names(
                "Sharma, Patel, Singh, Kumar, Reddy, Iyer, Nair, Gupta, Rao, Mehta, Joshi, Desai, "
                "Kaur, Pillai"
            ),
            ((("hi", "en"), 60), (("en",), 25), (("hi",), 15)),
            (70, 25, 2, 3),
        ),
        Origin(
            "CN",
            _names("Wei, Hao, Jun, Lei, Jie, Ming, Tao, Yong, Bo, Chao, Peng, Xiang"),
            _names("Jing, Fang, Min, Yan, Xiuying, Hui, Ling, Mei, Xiaoling, Yun, Ting, Qian"),
            _names("Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Lin"),
            ((("zh",), 85), (("zh", "en"), 15)),
            (25, 70, 2, 3),
        ),
        Origin(
            "PH",
            _names(
                "Jose, John Paul, Mark, Joseph, Christian, Angelo, Ramon, Jericho, Rodel, Arnel, "
                "Jayson, Michael"
            ),
            _names(
                "Maria Cristina, Mary Grace, Jocelyn, Marites, Rowena, Lorna, Kimberly, Angelica, "
                "Rhea, Jennifer, Maricel, Joy"
            ),
            _names(
                "Santos, Reyes, Cruz, Bautista, Garcia, Mendoza, Dela Cruz, Villanueva, Ramos, Aquino, "
                "Castillo, Flores, Navarro"
            ),
            ((("tl", "en"), 85), (("tl",), 15)),
            (92, 0, 3, 5),
        ),
        Origin(
            "TH",
            _names("Somchai, Surasak, Anan, Prasert, Wichai, Nattapong, Kittisak, Somsak"),
            _names(
                "Siriporn, Nattaya, Kanokwan, Pornthip, Sukanya, Wanida, Malee, Jintana, Ratchanee, "
                "Somying, Pimchanok, Duangjai"
            ),
            _names(
                "Srisuk, Saetang, Wongsa, Chaiyaporn, Phromma, Boonmee, Thongchai, Rattanakorn, "
                "Sukjai, Kaewmanee, Intarasuk, Saelim"
            ),
            ((("th",), 85), (("th", "en"), 15)),
            (25, 68, 3, 4),
        ),
        Origin(
            "ID",
            _names("Agus, Budi, Eko, Rizky, Dimas, Hendra, Arif, Fajar, Andi, Yusuf"),
            _names("Siti, Dewi, Sri, Ayu, Putri, Rina, Wulan, Indah, Fitri, Nur"),
            _names(
                "Wijaya, Santoso, Saputra, Hidayat, Kusuma, Setiawan, Pratama, Gunawan, Nugroho, "
                "Halim, Susanto, Hartono"
            ),
            ((("id",), 75), (("id", "en"), 25)),
            (90, 0, 4, 6),
        ),
        Origin(
            "BR",
            _names("João, Pedro, Lucas, Gabriel, Rafael, Mateus, Felipe, Bruno, Thiago, Rodrigo, Gustavo"),
            _names(
                "Ana, Maria Eduarda, Juliana, Fernanda, Camila, Larissa, Beatriz, Mariana, Letícia, "
                "Gabriela, Patrícia"
            ),
            _names(
                "da Silva, dos Santos, de Oliveira, Souza, Rodrigues, Ferreira, Alves, Pereira, Lima, "
                "Gomes, da Costa, Ribeiro, Carvalho"
            ),
            ((("pt",), 80), (("pt", "en"), 15), (("pt", "es"), 5)),
            (92, 0, 3, 5),
        ),
        Origin(
            "RU",
            _names("Aleksandr, Dmitri, Sergej, Andrej, Aleksej, Maksim, Ivan, Michail, Nikolaj, Pavel"),
            _names("Olga, Tatjana, Natalja, Jelena, Irina, Anna, Marina, Svetlana, Ekaterina, Julia"),
            _names(
                "Ivanov, Smirnov, Kuznetsov, Popov, Vasiljev, Petrov, Sokolov, Michajlov, Novikov, "
                "Fjodorov, Morozov, Volkov, Lebedev, Kozlov"
            ),
            ((("ru",), 80), (("ru", "en"), 20)),
            (15, 80, 1, 4),
            gendered_family_names=True,
        ),
        Origin(
            "PK",
            _names("Muhammad, Ali, Ahmed, Bilal, Usman, Imran, Faisal, Hamza, Kashif, Waqas, Asif, Zeeshan"),
            _names("Ayesha, Fatima, Sana, Hina, Amna, Saima, Nadia, Rabia, Mehwish, Sadia, Zainab, Iqra"),
            _names("Khan, Ahmed, Hussain, Malik, Butt, Chaudhry, Qureshi, Sheikh, Raza, Iqbal, Shah, Mirza"),
            ((("ur", "en"), 60), (("ur",), 40)),
            (30, 55, 10, 5),
        ),
        Origin(
            "EG",
            _names("Mohamed, Ahmed, Mahmoud, Mostafa, Karim, Omar, Tarek, Amr, Hany, Sherif, Youssef"),
            _names("Fatma, Aya, Mariam, Nourhan, Yasmine, Heba, Sara, Dina, Radwa, Salma, Mona"),
            _names(
                "Mohamed, Ahmed, Hassan, Ibrahim, Mostafa, Abdelrahman, Fawzy, Saad, Mansour, Soliman, "
                "Gamal, Shehata"
            ),
            ((("ar",), 70), (("ar", "en"), 30)),
            (20, 65, 10, 5),
        ),
        Origin(
            "CO",
            _names(
                "Juan Carlos, Andrés, Santiago, Carlos, Luis Fernando, Diego, Sebastián, Jorge, "
                "Felipe, Camilo"
            ),
            _names("María José, Valentina, Daniela, Laura, Paola, Natalia, Carolina, Andrea, Luisa, Diana"),
            _names(
                "Rodríguez, Gómez, González, Martínez, García, López, Hernández, Díaz, Pérez, Sánchez, "
                "Ramírez, Torres"
            ),
            ((("es",), 85), (("es", "en"), 15)),
            (90, 0, 4, 6),
            double_family_names=60,
        ),
    )
}

# Shares per target group, after CBS and DUO figures for Wi2021 newcomers (percent).
TARGET_GROUP_MIX: tuple[tuple[TargetGroup, int], ...] = (
    (TargetGroup.ASIEL, 55),
    (TargetGroup.GEZIN, 35),
    (TargetGroup.OVERIG, 10),
)

ORIGIN_MIX: dict[TargetGroup, tuple[tuple[str, int], ...]] = {
    TargetGroup.ASIEL: (
        ("SY", 33),
        ("ER", 14),
        ("TR", 13),
        ("AF", 10),
        ("YE", 6),
        ("IQ", 5),
        ("IR", 4),
        ("SO", 4),
        ("SD", 4),
        ("ET", 2),
        ("CO", 2),
        ("RU", 2),
        ("EG", 1),
    ),
    TargetGroup.GEZIN: (
        ("TR", 12),
        ("MA", 12),
        ("IN", 8),
        ("SY", 6),
        ("CN", 6),
        ("PH", 6),
        ("TH", 6),
        ("BR", 5),
        ("RU", 5),
        ("PK", 5),
        ("ID", 4),
        ("UA", 4),
        ("EG", 4),
        ("IR", 3),
        ("ER", 3),
        ("CO", 3),
        ("IQ", 3),
        ("SO", 2),
        ("ET", 2),
        ("AF", 2),
    ),
    TargetGroup.OVERIG: (
        ("UA", 20),
        ("IN", 12),
        ("CN", 10),
        ("RU", 10),
        ("BR", 8),
        ("CO", 8),
        ("IR", 8),
        ("TR", 8),
        ("PH", 6),
        ("EG", 5),
        ("ID", 5),
        ("PK", 4),
    ),
}

# Men / women among adults per target group (percent); "x" is rare.
MALE_SHARE: dict[TargetGroup, int] = {TargetGroup.ASIEL: 60, TargetGroup.GEZIN: 30, TargetGroup.OVERIG: 50}
GENDER_X_PER_THOUSAND = 3

LITERACY_ORDER = (Literacy.LATIN, Literacy.OTHER_SCRIPT, Literacy.NOT_LITERATE, Literacy.UNKNOWN)

# Household shapes per target group (percent): alone, a couple who both have the duty, a family
# with children, a partner without the duty (a resident partner: the typical family migrant).
HOUSEHOLD_MIX: dict[TargetGroup, tuple[tuple[str, int], ...]] = {
    TargetGroup.ASIEL: (("single", 48), ("couple", 14), ("family", 33), ("single_parent", 5)),
    TargetGroup.GEZIN: (("resident_partner", 45), ("resident_family", 35), ("couple", 10), ("single", 10)),
    TargetGroup.OVERIG: (("single", 55), ("couple", 20), ("family", 15), ("resident_partner", 10)),
}
CHILDREN_MIX = ((1, 30), (2, 35), (3, 20), (4, 10), (5, 5))

DUTCH_MALE = _names(
    "Jan, Pieter, Kees, Mark, Thomas, Daan, Bram, Ruben, Sander, Jeroen, Martijn, Bas, "
    "Niels, Tim, Wouter, Erik, Joost, Rob, Stefan, Maarten, Henk, Gert-Jan, Dirk, Youssef, "
    "Mehmet, Hamza"
)
DUTCH_FEMALE = _names(
    "Anouk, Marieke, Sanne, Lotte, Eva, Anne, Ingrid, Esther, Linda, Femke, Iris, Marloes, "
    "Judith, Saskia, Karin, Monique, Nicole, Ilse, Renate, Mirjam, Wendy, Fleur, Samira, "
    "Fatima, Naima"
)
# (tussenvoegsel, family name)
DUTCH_FAMILY: tuple[tuple[str, str], ...] = (
    ("de", "Jong"),
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("van", "Dijk"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("van der", "Linden"),
    ("", "Kok"),
    ("", "Jacobs"),
    ("de", "Haan"),
    ("", "Vermeulen"),
    ("van den", "Heuvel"),
    ("van der", "Veen"),
    ("van den", "Broek"),
    ("de", "Bruijn"),
    ("", "Janssen"),
    ("", "Verhoeven"),
    ("", "Kodde"),
    ("", "El Amrani"),
    ("", "Yilmaz"),
    ("", "Bakkali"),
    ("", "Öztürk"),
)

STREETS = _names(
    "Kerkstraat, Dorpsstraat, Molenweg, Stationsweg, Schoolstraat, Julianastraat, Beatrixlaan, "
    "Wilhelminastraat, Prins Bernhardlaan, Oranjestraat, Nieuwstraat, Marktstraat, Eikenlaan, Beukenlaan, "
    "Lindelaan, Populierenlaan, Kastanjelaan, Berkenlaan, Wilgenlaan, Esdoornstraat, Rozenstraat, "
    "Tulpstraat, Narcisstraat, Merelstraat, Lijsterstraat, Kievitstraat, Zwaluwstraat, Mozartlaan, "
    "Beethovenstraat, Rembrandtlaan, Vermeerstraat, Van Goghstraat, Frans Halsstraat, Jan Steenstraat, "
    "Parkweg, Industrieweg, Havenstraat, Sportlaan, Spoorstraat, Hoofdstraat, Emmastraat, De Ruyterstraat, "
    "Tromplaan, Piet Heinstraat, Johan de Wittstraat, Thorbeckestraat, Schubertstraat, Chopinlaan, "
    "Graaf Florislaan, Dahlialaan, Zonnebloemstraat, Akkerweg, Veldstraat, Weidestraat, Slotlaan, "
    "Koningin Julianaplein, Burgemeester Kolfflaan, Laan van Nieuw Oost-Indië, Mgr. Nolenslaan, "
    "Van Heemstraweg, Anne Frankstraat, Martin Luther Kingweg, Vondellaan, Bilderdijkstraat"
)
HOUSE_NUMBER_SUFFIXES = ("A", "B", "-1", "-2", " bis")
# Postcode letters; SA, SD and SS are never used in Dutch postcodes.
POSTCODE_LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
UNUSED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
EMAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "live.nl", "icloud.com")

# Organisation names per municipality; "{name}" is the municipality.
TEAM_NAME = "Team Inburgering {name}"
MB_NAMES = (
    "Stichting Welzijn {name}",
    "Stichting Nieuwkomers {name}",
    "Stichting Samen Thuis {name}",
    "Maatschappelijke Begeleiding {name}",
)
SCHOOL_NAMES = ("Taalschool {name}", "Taalcentrum {name}", "Taalhuis {name}", "Inburgeringscentrum {name}")

INTERPRETER_LANGUAGES = {
    "ar": "Arabisch",
    "ti": "Tigrinya",
    "prs": "Dari",
    "ps": "Pasjtoe",
    "fa": "Farsi",
    "tr": "Turks",
    "so": "Somalisch",
    "ku": "Koerdisch",
    "am": "Amhaars",
}


@dataclass(frozen=True)
class NoteTemplate:
    """A timeline entry written in a phase; ``asylum_only`` for what only MB (asylum migrants) gets."""

    kind: str
    category: str
    title: str
    body: str
    asylum_only: bool = False


NOTES: dict[str, tuple[NoteTemplate, ...]] = {
    P.KOPPELING: (
        NoteTemplate(
            K.APPOINTMENT,
            C.CONTACT,
            "Kennismaking op het azc",
            "Eerste kennismaking op het azc, met tolk {language}.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.NOTE,
            C.NOTES,
            "Klantprofiel COA ontvangen",
            "Klantprofiel ontvangen; warme overdracht met COA gepland.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.APPOINTMENT,
            C.EDUCATION_WORK,
            "Brede intake: eerste gesprek",
            "Opleiding, werkervaring en taalniveau besproken.",
        ),
        NoteTemplate(
            K.NOTE,
            C.CONTACT,
            "Uitnodiging brede intake verstuurd",
            "Brief in het Nederlands en het {language} verstuurd.",
        ),
    ),
    P.HUISVESTING: (
        NoteTemplate(
            K.APPOINTMENT,
            C.CONTACT,
            "Bezichtiging woning",
            "Woning samen met de MB-begeleider bezichtigd.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.NOTE,
            C.FINANCE,
            "Inrichtingskrediet aangevraagd",
            "Aanvraag inrichtingskrediet ingediend.",
            asylum_only=True,
        ),
    ),
    P.REGELDAG: (
        NoteTemplate(
            K.APPOINTMENT,
            C.FINANCE,
            "Regeldag",
            "Bankrekening geopend, uitkering aangevraagd, zorgverzekering en huisarts geregeld.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.NOTE,
            C.FINANCE,
            "Financieel ontzorgen gestart",
            "Huur, energie, water en zorgpremie worden zes maanden ingehouden en betaald.",
            asylum_only=True,
        ),
    ),
    P.OPSTARTFASE: (
        NoteTemplate(
            K.APPOINTMENT,
            C.NOTES,
            "Huisbezoek opstartfase",
            "Checklist huishouden en wonen doorgenomen.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.NOTE,
            C.HEALTH,
            "Ingeschreven bij de huisarts",
            "Ingeschreven bij de huisarts; eerste afspraak gemaakt.",
            asylum_only=True,
        ),
        NoteTemplate(K.APPOINTMENT, C.EDUCATION_WORK, "Leerbaarheidstoets", "Leerbaarheidstoets afgenomen."),
        NoteTemplate(
            K.NOTE,
            C.EDUCATION_WORK,
            "PIP vastgesteld",
            "Leerroute vastgesteld; PIP uitgereikt in het Nederlands en het {language}.",
        ),
    ),
    P.VERDERE_BEGELEIDING: (
        NoteTemplate(
            K.APPOINTMENT, C.CONTACT, "Voortgangsgesprek", "Voortgang taallessen en participatie besproken."
        ),
        NoteTemplate(
            K.NOTE,
            C.EDUCATION_WORK,
            "Gestart met de taalcursus",
            "Drie dagdelen per week bij de taalaanbieder.",
        ),
        NoteTemplate(
            K.NOTE,
            C.FINANCE,
            "Toeslagen aangevraagd",
            "Zorg- en huurtoeslag aangevraagd; voorschot verstrekt in afwachting.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.APPOINTMENT,
            C.EDUCATION_WORK,
            "MAP-gesprek",
            "Module Arbeidsmarkt en Participatie: gesprek over werk en opleiding.",
        ),
        NoteTemplate(
            K.NOTE,
            C.NOTES,
            "Besproken in casuïstiekoverleg",
            "Doorverwezen naar het sociaal wijkteam.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.NOTE,
            C.HEALTH,
            "Zorgsignaal",
            "Slaapproblemen gemeld; doorverwezen naar de huisarts.",
            asylum_only=True,
        ),
        NoteTemplate(
            K.APPOINTMENT, C.CONTACT, "Belronde", "Driemaandelijks belcontact: gaat goed, geen vragen."
        ),
    ),
    P.AFRONDING: (
        NoteTemplate(
            K.APPOINTMENT,
            C.NOTES,
            "Eindgesprek",
            "Eindgesprek gevoerd; warme overdracht naar het sociaal domein voorbereid.",
        ),
        NoteTemplate(
            K.NOTE, C.EDUCATION_WORK, "Examens behaald", "Inburgeringsexamen op B1 behaald; PVT ondertekend."
        ),
    ),
    P.AFGESLOTEN: (
        NoteTemplate(
            K.APPOINTMENT, C.CONTACT, "Belronde na afsluiting", "Nagebeld: woont zelfstandig, geen hulpvraag."
        ),
    ),
}

PHASE_TITLES: dict[str, str] = {
    "huisvesting": "Woning toegewezen",
    "regeldag": "Fase gewijzigd: regeldag",
    "opstartfase": "Fase gewijzigd: opstartfase maatschappelijke begeleiding",
    "verdere_begeleiding": "Fase gewijzigd: verdere begeleiding",
    "afronding": "Fase gewijzigd: afronding",
    "afgesloten": "Dossier afgesloten",
}
